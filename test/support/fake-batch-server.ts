/**
 * A fake batch API on 127.0.0.1 for the lifecycle tests: OpenAI-compatible files and batches
 * (multipart upload, create, retrieve, file content) and Anthropic message batches (create,
 * retrieve, results). Each retrieve advances a batch one step (validating → in_progress →
 * completed or expired); results are computed by the test's responder and emitted in reverse
 * order, so nothing can rely on input order.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type OpenAiAnswer =
  | { status_code: number; body: Record<string, unknown> }
  | { error: { code: string; message: string } }
  /** no result line at all: the request goes missing */
  | null;

export type AnthropicAnswer = Record<string, unknown> | null;

export interface FakeOptions {
  openAiKey?: string;
  anthropicKey?: string;
  respond?: (line: { custom_id: string; body?: Record<string, unknown> }) => OpenAiAnswer;
  respondAnthropic?: (req: { custom_id: string; params: Record<string, unknown> }) => AnthropicAnswer;
  /** batches (1-based, in creation order) that expire after processing only their first half */
  expire?: number[];
  /** batches (1-based, in creation order) that fail validation: status failed, no files */
  invalid?: number[];
  /** how many POST /v1/batches calls fail with a 500 before they succeed */
  failBatchCreate?: number;
}

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  content: Buffer;
}

interface OpenAiBatch {
  id: string;
  index: number;
  input_file_id: string;
  endpoint: string;
  metadata: unknown;
  status: string;
  retrieves: number;
  output_file_id: string | null;
  error_file_id: string | null;
  counts: { total: number; completed: number; failed: number };
  errors: Array<{ code: string; message: string; line: number | null; param: string | null }>;
}

interface AnthropicBatch {
  id: string;
  requests: Array<{ custom_id: string; params: Record<string, unknown> }>;
  /** the anthropic-version header the batch was created with */
  version: string;
  retrieves: number;
  ended: boolean;
}

export interface FakeServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** what the openai SDK takes as baseURL */
  openAiBaseUrl: string;
  files: Map<string, StoredFile>;
  batches: Map<string, OpenAiBatch>;
  anthropicBatches: Map<string, AnthropicBatch>;
  /** "METHOD /path" of every request, in order */
  log: string[];
  /** count of POST /v1/files */
  uploads(): number;
  close(): Promise<void>;
}

const defaultRespond = (line: { custom_id: string }): OpenAiAnswer => ({
  status_code: 200,
  body: { choices: [{ index: 0, message: { role: 'assistant', content: `answer to ${line.custom_id}` } }], usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } },
});

const defaultAnthropic = (req: { custom_id: string }): AnthropicAnswer => ({
  type: 'succeeded',
  message: { id: `msg_${req.custom_id}`, type: 'message', role: 'assistant', content: [{ type: 'text', text: `answer to ${req.custom_id}` }], usage: { input_tokens: 5, output_tokens: 3 } },
});

export async function startFakeBatchServer(options: FakeOptions = {}): Promise<FakeServer> {
  const openAiKey = options.openAiKey ?? 'test-key';
  const anthropicKey = options.anthropicKey ?? 'test-key';
  const respond = options.respond ?? defaultRespond;
  const respondAnthropic = options.respondAnthropic ?? defaultAnthropic;
  let failCreates = options.failBatchCreate ?? 0;
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, OpenAiBatch>();
  const anthropicBatches = new Map<string, AnthropicBatch>();
  const log: string[] = [];
  let seq = 0;
  let url = '';

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: ServerResponse) => json(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });

  function batchJson(b: OpenAiBatch) {
    return {
      id: b.id, object: 'batch', endpoint: b.endpoint, errors: b.errors.length ? { object: 'list', data: b.errors } : null, input_file_id: b.input_file_id, completion_window: '24h',
      status: b.status, output_file_id: b.output_file_id, error_file_id: b.error_file_id, created_at: 1_700_000_000,
      request_counts: b.counts, metadata: b.metadata,
    };
  }

  function storeFile(filename: string, purpose: string, content: string): string {
    const id = `file-${++seq}`;
    files.set(id, { id, filename, purpose, content: Buffer.from(content) });
    return id;
  }

  /** Runs the batch: responder per line, output and error files written in reverse order. */
  function finish(b: OpenAiBatch) {
    const input = files.get(b.input_file_id)!.content.toString('utf8').split('\n').filter(Boolean);
    const expire = options.expire?.includes(b.index) ?? false;
    const processed = expire ? Math.floor(input.length / 2) : input.length;
    const out: string[] = [];
    const err: string[] = [];
    input.forEach((text, i) => {
      const line = JSON.parse(text) as { custom_id: string; body?: Record<string, unknown> };
      const id = `batch_req_${i + 1}`;
      if (i >= processed) {
        err.push(JSON.stringify({ id, custom_id: line.custom_id, response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } }));
        return;
      }
      const answer = respond(line);
      if (answer === null) return;
      if ('error' in answer) err.push(JSON.stringify({ id, custom_id: line.custom_id, response: null, error: answer.error }));
      else {
        const target = answer.status_code >= 400 ? err : out;
        target.push(JSON.stringify({ id, custom_id: line.custom_id, response: { status_code: answer.status_code, request_id: `req_${i + 1}`, body: answer.body }, error: null }));
      }
    });
    out.reverse();
    err.reverse();
    b.output_file_id = out.length ? storeFile(`${b.id}_output.jsonl`, 'batch_output', out.join('\n') + '\n') : null;
    b.error_file_id = err.length ? storeFile(`${b.id}_error.jsonl`, 'batch_output', err.join('\n') + '\n') : null;
    b.counts = { total: input.length, completed: out.length, failed: err.length };
    b.status = expire ? 'expired' : 'completed';
  }

  function anthropicJson(b: AnthropicBatch) {
    const n = b.requests.length;
    let counts = { processing: n, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    if (b.ended) {
      counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
      for (const r of b.requests) {
        const a = respondAnthropic(r);
        if (a === null) continue;
        const t = a.type as 'succeeded' | 'errored' | 'canceled' | 'expired';
        counts[t]++;
      }
    }
    return {
      id: b.id, type: 'message_batch', processing_status: b.ended ? 'ended' : 'in_progress', request_counts: counts,
      results_url: b.ended ? `${url}/v1/messages/batches/${b.id}/results` : null,
      created_at: '2026-11-22T00:00:00Z', expires_at: '2026-11-23T00:00:00Z', ended_at: b.ended ? '2026-11-22T01:00:00Z' : null,
      archived_at: null, cancel_initiated_at: null,
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const path = (req.url ?? '').split('?')[0]!;
    const method = req.method ?? 'GET';
    log.push(`${method} ${path}`);

    if (path.startsWith('/v1/messages/')) {
      // the SDK sends the key as `Authorization: Bearer`; the API also takes `x-api-key`
      if (req.headers['x-api-key'] !== anthropicKey && req.headers.authorization !== `Bearer ${anthropicKey}`) {
        return json(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
      }
      if (method === 'POST' && path === '/v1/messages/batches') {
        const { requests } = JSON.parse(body.toString('utf8')) as { requests: AnthropicBatch['requests'] };
        const b: AnthropicBatch = { id: `msgbatch_${++seq}`, requests, version: String(req.headers['anthropic-version']), retrieves: 0, ended: false };
        anthropicBatches.set(b.id, b);
        return json(res, 200, anthropicJson(b));
      }
      const m = /^\/v1\/messages\/batches\/([^/]+)(\/results)?$/.exec(path);
      const b = m ? anthropicBatches.get(m[1]!) : undefined;
      if (!b || method !== 'GET') return notFound(res);
      if (m![2]) {
        const lines = b.requests
          .map((r) => ({ custom_id: r.custom_id, result: respondAnthropic(r) }))
          .filter((l) => l.result !== null)
          .map((l) => JSON.stringify(l))
          .reverse();
        res.writeHead(200, { 'content-type': 'application/binary' });
        return res.end(lines.join('\n') + '\n');
      }
      if (++b.retrieves >= 2) b.ended = true;
      return json(res, 200, anthropicJson(b));
    }

    if (req.headers.authorization !== `Bearer ${openAiKey}`) {
      return json(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    if (method === 'POST' && path === '/v1/files') {
      const parts = parseMultipart(body, String(req.headers['content-type']));
      const file = parts.find((p) => p.name === 'file');
      const purpose = parts.find((p) => p.name === 'purpose')?.content.toString('utf8') ?? '';
      if (!file) return json(res, 400, { error: { message: 'file is required', type: 'invalid_request_error' } });
      const id = `file-${++seq}`;
      files.set(id, { id, filename: file.filename ?? 'upload', purpose, content: file.content });
      return json(res, 200, { id, object: 'file', bytes: file.content.length, created_at: 1_700_000_000, filename: file.filename, purpose, status: 'processed' });
    }
    const content = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
    if (method === 'GET' && content) {
      const f = files.get(content[1]!);
      if (!f) return notFound(res);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(f.content);
    }
    if (method === 'POST' && path === '/v1/batches') {
      if (failCreates > 0) {
        failCreates--;
        return json(res, 500, { error: { message: 'The server had an error while processing your request.', type: 'server_error' } });
      }
      const p = JSON.parse(body.toString('utf8')) as { input_file_id: string; endpoint: string; metadata?: unknown };
      if (!files.has(p.input_file_id)) return json(res, 400, { error: { message: `no file ${p.input_file_id}`, type: 'invalid_request_error' } });
      const b: OpenAiBatch = {
        id: `batch_${++seq}`, index: batches.size + 1, input_file_id: p.input_file_id, endpoint: p.endpoint, metadata: p.metadata ?? null,
        status: 'validating', retrieves: 0, output_file_id: null, error_file_id: null, counts: { total: 0, completed: 0, failed: 0 }, errors: [],
      };
      batches.set(b.id, b);
      return json(res, 200, batchJson(b));
    }
    if (method === 'GET' && path === '/v1/batches') {
      const data = [...batches.values()].reverse().map(batchJson);
      return json(res, 200, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false });
    }
    const batch = /^\/v1\/batches\/([^/]+)$/.exec(path);
    if (method === 'GET' && batch) {
      const b = batches.get(batch[1]!);
      if (!b) return notFound(res);
      b.retrieves++;
      if (b.retrieves === 1 && options.invalid?.includes(b.index)) {
        b.status = 'failed';
        b.errors = [{ code: 'model_mismatch', message: 'All requests must use the same model.', line: 2, param: 'body.model' }];
      } else if (b.retrieves === 1) b.status = 'in_progress';
      else if (b.status === 'in_progress') finish(b);
      return json(res, 200, batchJson(b));
    }
    return notFound(res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => json(res, 500, { error: { message: String(e), type: 'server_error' } }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    openAiBaseUrl: `${url}/v1`,
    files,
    batches,
    anthropicBatches,
    log,
    uploads: () => log.filter((l) => l === 'POST /v1/files').length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Part {
  name: string;
  filename?: string;
  content: Buffer;
}

/** Minimal multipart/form-data parser: enough for the SDK's `file` and `purpose` fields. */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const from = start + delimiter.length;
    if (body.subarray(from, from + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, from);
    if (next < 0) break;
    const raw = body.subarray(from + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = raw.indexOf('\r\n\r\n');
    const headers = raw.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1] ?? '';
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
    const part: Part = { name, content: raw.subarray(split + 4) };
    if (filename !== undefined) part.filename = filename;
    parts.push(part);
    start = next;
  }
  return parts;
}
