/**
 * A chat completions body (OpenAI's CreateChatCompletionRequest): a non-empty `messages` array of
 * messages with a known role and a content that is a string or an array of known parts; tool
 * messages name their call; an assistant message may carry tool_calls instead of content.
 */
import type { Report } from '../finding.js';
import { M } from '../messages.js';
import { isObject } from './rule.js';

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
  if (messages === undefined) return report(no, M.missingField('body.messages', 'chat requests need it'));
  if (!Array.isArray(messages)) return report(no, M.wrongType('body.messages', 'an array', messages));
  if (messages.length === 0) return report(no, M.emptyArray('body.messages'));
  for (let i = 0; i < messages.length; i++) checkMessage(messages[i], `body.messages[${i}]`, no, report);
}

function checkMessage(msg: unknown, path: string, no: number, report: Report): void {
  if (!isObject(msg)) return report(no, M.wrongType(path, 'an object', msg));
  const role = msg.role;
  if (role === undefined) report(no, M.missingKey(`${path}.role`));
  else if (typeof role !== 'string') report(no, M.wrongType(`${path}.role`, 'a string', role));
  else if (!(CHAT_ROLES as readonly string[]).includes(role)) report(no, M.unknownRole(`${path}.role`, role, CHAT_ROLES));

  if (role === 'tool' && typeof msg.tool_call_id !== 'string') report(no, M.toolCallIdMissing(path));

  const content = msg.content;
  if (content === undefined || content === null) {
    const toolCalls = Array.isArray(msg.tool_calls) && msg.tool_calls.length > 0;
    if (!(role === 'assistant' && (toolCalls || msg.function_call !== undefined))) {
      report(no, M.missingField(`${path}.content`, role === 'assistant' ? 'an assistant message without tool_calls needs it' : 'every message needs it'));
    }
  } else if (Array.isArray(content)) {
    if (content.length === 0) report(no, M.emptyArray(`${path}.content`));
    for (let j = 0; j < content.length; j++) checkPart(content[j], `${path}.content[${j}]`, no, report);
  } else if (typeof content !== 'string') {
    report(no, M.wrongType(`${path}.content`, 'a string or an array of parts', content));
  }
}

function checkPart(part: unknown, path: string, no: number, report: Report): void {
  if (!isObject(part)) return report(no, M.wrongType(path, 'an object', part));
  const type = part.type;
  if (typeof type !== 'string' || !Object.hasOwn(PART_PAYLOAD, type)) {
    return report(no, type === undefined ? M.missingKey(`${path}.type`) : M.unknownPart(`${path}.type`, type, CONTENT_PARTS));
  }
  const want = PART_PAYLOAD[type];
  const payload = part[type];
  if (payload === undefined) report(no, M.missingKey(`${path}.${type}`));
  else if (want === 'string' ? typeof payload !== 'string' : !isObject(payload)) {
    report(no, M.wrongType(`${path}.${type}`, want === 'string' ? 'a string' : 'an object', payload));
  }
}
