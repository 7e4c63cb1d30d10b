/**
 * A chat completions body (OpenAI's CreateChatCompletionRequest): a non-empty `messages` array of
 * messages with a known role and a content that is a string or an array of known parts; tool
 * messages name their call; an assistant message may carry tool_calls instead of content.
 */
import type { Report } from '../finding.js';
import { E, problem } from '../../errors/index.js';
import { isObject, jsonType } from './rule.js';

export const CHAT_ROLES = ['system', 'developer', 'user', 'assistant', 'tool'] as const;
/** `refusal` is only for assistant messages; the API checks that, the shape is what matters here */
export const CONTENT_PARTS = ['text', 'image_url', 'input_audio', 'file', 'refusal'] as const;

/** the field each part type carries its payload in, and that field's JSON type */
const PART_PAYLOAD: Record<string, 'string' | 'object'> = {
  text: 'string',
  image_url: 'object',
  input_audio: 'object',
  file: 'object',
  refusal: 'string',
};

export function checkChatBody(body: Record<string, unknown>, no: number, report: Report): void {
  const messages = body.messages;
  if (messages === undefined) return report(no, problem(E.LineKeyMissing, { key: 'body.messages', why: 'chat requests need it' }));
  if (!Array.isArray(messages)) return report(no, problem(E.LineWrongType, { path: 'body.messages', want: 'an array', got: jsonType(messages) }));
  if (messages.length === 0) return report(no, problem(E.LineValueEmpty, { path: 'body.messages' }));
  for (let i = 0; i < messages.length; i++) checkMessage(messages[i], `body.messages[${i}]`, no, report);
}

function checkMessage(msg: unknown, path: string, no: number, report: Report): void {
  if (!isObject(msg)) return report(no, problem(E.LineWrongType, { path, want: 'an object', got: jsonType(msg) }));
  const role = msg.role;
  if (role === undefined) report(no, problem(E.LineKeyMissing, { key: `${path}.role` }));
  else if (typeof role !== 'string') report(no, problem(E.LineWrongType, { path: `${path}.role`, want: 'a string', got: jsonType(role) }));
  else if (!(CHAT_ROLES as readonly string[]).includes(role)) report(no, problem(E.UnknownRole, { path: `${path}.role`, role, known: CHAT_ROLES }));

  if (role === 'tool' && typeof msg.tool_call_id !== 'string') report(no, problem(E.LineKeyMissing, { key: path, tool: true }));

  const content = msg.content;
  if (content === undefined || content === null) {
    const toolCalls = Array.isArray(msg.tool_calls) && msg.tool_calls.length > 0;
    if (!(role === 'assistant' && (toolCalls || msg.function_call !== undefined))) {
      report(no, problem(E.LineKeyMissing, { key: `${path}.content`, why: role === 'assistant' ? 'an assistant message without tool_calls needs it' : 'every message needs it' }));
    }
  } else if (Array.isArray(content)) {
    if (content.length === 0) report(no, problem(E.LineValueEmpty, { path: `${path}.content` }));
    for (let j = 0; j < content.length; j++) checkPart(content[j], `${path}.content[${j}]`, no, report);
  } else if (typeof content !== 'string') {
    report(no, problem(E.LineWrongType, { path: `${path}.content`, want: 'a string or an array of parts', got: jsonType(content) }));
  }
}

function checkPart(part: unknown, path: string, no: number, report: Report): void {
  if (!isObject(part)) return report(no, problem(E.LineWrongType, { path, want: 'an object', got: jsonType(part) }));
  const type = part.type;
  if (typeof type !== 'string' || !Object.hasOwn(PART_PAYLOAD, type)) {
    return report(no, type === undefined ? problem(E.LineKeyMissing, { key: `${path}.type` }) : problem(E.LinePartUnknown, { path: `${path}.type`, type, known: CONTENT_PARTS }));
  }
  const want = PART_PAYLOAD[type];
  const payload = part[type];
  if (payload === undefined) report(no, problem(E.LineKeyMissing, { key: `${path}.${type}` }));
  else if (want === 'string' ? typeof payload !== 'string' : !isObject(payload)) {
    report(no, problem(E.LineWrongType, { path: `${path}.${type}`, want: want === 'string' ? 'a string' : 'an object', got: jsonType(payload) }));
  }
}
