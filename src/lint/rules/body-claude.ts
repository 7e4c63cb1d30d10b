/**
 * A Claude Messages body (Anthropic Message Batches params, Bedrock InvokeModel modelInput):
 * max_tokens and messages required; roles user and assistant only — system instructions are the
 * top-level `system`; content blocks in Anthropic's shapes, not OpenAI's parts; on Bedrock the
 * anthropic_version AWS requires.
 */
import { BEDROCK_ANTHROPIC_VERSION } from '../../providers/bedrock.js';
import type { Report } from '../finding.js';
import { E, problem } from '../../errors/index.js';
import { isObject, jsonType } from './rule.js';

const BLOCKS = ['text', 'image', 'document', 'search_result', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'container_upload', 'server_tool_use'];

export function checkClaudeBody(body: Record<string, unknown>, prefix: string, provider: string, no: number, report: Report): void {
  if (provider === 'bedrock') {
    const v = body.anthropic_version;
    if (v === undefined) report(no, problem(E.LineKeyMissing, { key: `${prefix}.anthropic_version`, why: `Claude on Bedrock needs "${BEDROCK_ANTHROPIC_VERSION}"` }));
    else if (v !== BEDROCK_ANTHROPIC_VERSION) report(no, problem(E.LineWrongValue, { path: `${prefix}.anthropic_version`, want: BEDROCK_ANTHROPIC_VERSION, value: v }));
  }
  if (body.max_tokens === undefined) report(no, problem(E.LineKeyMissing, { key: `${prefix}.max_tokens`, why: 'Claude requires it' }));
  const messages = body.messages;
  if (messages === undefined) return report(no, problem(E.LineKeyMissing, { key: `${prefix}.messages`, why: 'Claude requires it' }));
  if (!Array.isArray(messages)) return report(no, problem(E.LineWrongType, { path: `${prefix}.messages`, want: 'an array', got: jsonType(messages) }));
  messages.forEach((m, i) => {
    const path = `${prefix}.messages[${i}]`;
    if (!isObject(m)) return report(no, problem(E.LineWrongType, { path, want: 'an object', got: jsonType(m) }));
    if (m.role === 'system' || m.role === 'developer') report(no, problem(E.LineSystemRole, { path, provider }));
    else if (m.role !== 'user' && m.role !== 'assistant') report(no, problem(E.UnknownRole, { path: `${path}.role`, role: String(m.role), known: ['user', 'assistant'] }));
    if (!Array.isArray(m.content)) return;
    m.content.forEach((block, j) => {
      if (!isObject(block) || typeof block.type !== 'string' || BLOCKS.includes(block.type)) return;
      const want = block.type === 'image_url' ? 'images are {type: image, source: {type: base64 | url, …}}' : `blocks are ${BLOCKS.join(', ')}`;
      report(no, problem(E.LinePartUnknown, { path: `${path}.content[${j}].type`, type: block.type, provider, want }));
    });
  });
}
