/**
 * One provider result line → what results.jsonl says about the request. OpenAI-compatible lines
 * are `{custom_id, response:{status_code, body}|null, error:{code, message}|null}` (an HTTP-level
 * failure can hide in `response.status_code` ≥ 400 with `body.error`); Anthropic lines are
 * `{custom_id, result:{type: succeeded|errored|canceled|expired, …}}`.
 */
export type ResultStatus = 'succeeded' | 'failed' | 'expired' | 'missing' | 'canceled';

export interface ResultError {
  code: string;
  message: string;
}

export interface RequestResult {
  status: ResultStatus;
  answer: string | null;
  embedding: number[] | number[][] | null;
  usage: unknown;
  error: ResultError | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function errorOf(e: unknown, fallback: string): ResultError {
  if (!isObj(e)) return { code: fallback, message: typeof e === 'string' ? e : '' };
  return { code: str(e.code) ?? str(e.type) ?? fallback, message: str(e.message) ?? '' };
}

export function failed(error: ResultError, status: ResultStatus = 'failed'): RequestResult {
  return { status, answer: null, embedding: null, usage: null, error };
}

/** The text (chat, completions, responses) or embedding of a successful response body. */
export function answerOf(body: Obj): Pick<RequestResult, 'answer' | 'embedding'> {
  const none = { answer: null, embedding: null };
  if (Array.isArray(body.choices)) {
    const first = body.choices[0];
    if (!isObj(first)) return none;
    const message = first.message;
    return { answer: (isObj(message) ? str(message.content) : undefined) ?? str(first.text) ?? null, embedding: null };
  }
  if (typeof body.output_text === 'string') return { answer: body.output_text, embedding: null };
  if (Array.isArray(body.output)) {
    const texts: string[] = [];
    for (const item of body.output) {
      if (!isObj(item) || !Array.isArray(item.content)) continue;
      for (const part of item.content) if (isObj(part) && typeof part.text === 'string') texts.push(part.text);
    }
    return { answer: texts.join(''), embedding: null };
  }
  if (Array.isArray(body.data) && body.data.every((d) => isObj(d) && Array.isArray(d.embedding))) {
    const vectors = (body.data as Obj[]).map((d) => d.embedding as number[]);
    return { answer: null, embedding: vectors.length === 1 ? vectors[0]! : vectors };
  }
  return none;
}

const openAiErrorStatus: Record<string, ResultStatus> = { batch_expired: 'expired', batch_cancelled: 'canceled' };

export function parseOpenAiResult(raw: unknown): { customId: string; result: RequestResult } | undefined {
  if (!isObj(raw) || typeof raw.custom_id !== 'string') return undefined;
  const customId = raw.custom_id;
  if (raw.error != null) {
    const error = errorOf(raw.error, 'error');
    return { customId, result: failed(error, openAiErrorStatus[error.code] ?? 'failed') };
  }
  const response = isObj(raw.response) ? raw.response : {};
  const body = isObj(response.body) ? response.body : {};
  const code = typeof response.status_code === 'number' ? response.status_code : 200;
  if (code >= 400 || body.error != null) {
    return { customId, result: failed(errorOf(body.error, `http_${code}`)) };
  }
  return { customId, result: { status: 'succeeded', ...answerOf(body), usage: body.usage ?? null, error: null } };
}

export function parseAnthropicResult(raw: unknown): { customId: string; result: RequestResult } | undefined {
  if (!isObj(raw) || typeof raw.custom_id !== 'string' || !isObj(raw.result)) return undefined;
  const customId = raw.custom_id;
  const r = raw.result;
  switch (r.type) {
    case 'succeeded': {
      const message = isObj(r.message) ? r.message : {};
      const blocks = Array.isArray(message.content) ? message.content : [];
      const answer = blocks
        .filter((b): b is Obj => isObj(b) && b.type === 'text' && typeof b.text === 'string')
        .map((b) => b.text as string)
        .join('');
      return { customId, result: { status: 'succeeded', answer, embedding: null, usage: message.usage ?? null, error: null } };
    }
    case 'errored': {
      // {type:'errored', error:{type:'error', error:{type, message}}}
      const outer = isObj(r.error) ? r.error : {};
      return { customId, result: failed(errorOf(outer.error ?? outer, 'errored')) };
    }
    case 'canceled':
      return { customId, result: failed({ code: 'canceled', message: 'the batch was canceled before this request ran' }, 'canceled') };
    case 'expired':
      return { customId, result: failed({ code: 'expired', message: 'the batch expired before this request ran' }, 'expired') };
    default:
      return undefined;
  }
}
