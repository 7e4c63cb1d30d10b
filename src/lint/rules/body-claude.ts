/**
 * A Claude Messages body (Anthropic Message Batches params, Bedrock InvokeModel modelInput):
 * max_tokens and messages required; roles user and assistant only — system instructions are the
 * top-level `system`; content blocks in Anthropic's shapes, not OpenAI's parts; on Bedrock the
 * anthropic_version AWS requires.
 */
import { BEDROCK_ANTHROPIC_VERSION } from '../../providers/bedrock.js';
import type { Report } from '../finding.js';
import { M } from '../messages.js';
import { isObject } from './rule.js';

const BLOCKS = ['text', 'image', 'document', 'search_result', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'container_upload', 'server_tool_use'];

export function checkClaudeBody(body: Record<string, unknown>, prefix: string, provider: string, no: number, report: Report): void {
  if (provider === 'bedrock') {
    const v = body.anthropic_version;
    if (v === undefined) report(no, M.missingField(`${prefix}.anthropic_version`, `Claude on Bedrock needs "${BEDROCK_ANTHROPIC_VERSION}"`));
    else if (v !== BEDROCK_ANTHROPIC_VERSION) report(no, M.wrongValue(`${prefix}.anthropic_version`, BEDROCK_ANTHROPIC_VERSION, v));
  }
  if (body.max_tokens === undefined) report(no, M.missingField(`${prefix}.max_tokens`, 'Claude requires it'));
  const messages = body.messages;
  if (messages === undefined) return report(no, M.missingField(`${prefix}.messages`, 'Claude requires it'));
  if (!Array.isArray(messages)) return report(no, M.wrongType(`${prefix}.messages`, 'an array', messages));
  messages.forEach((m, i) => {
    const path = `${prefix}.messages[${i}]`;
    if (!isObject(m)) return report(no, M.wrongType(path, 'an object', m));
    if (m.role === 'system' || m.role === 'developer') report(no, M.systemRole(path, provider));
    else if (m.role !== 'user' && m.role !== 'assistant') report(no, M.unknownRole(`${path}.role`, String(m.role), ['user', 'assistant']));
    if (!Array.isArray(m.content)) return;
    m.content.forEach((block, j) => {
      if (!isObject(block) || typeof block.type !== 'string' || BLOCKS.includes(block.type)) return;
      const want = block.type === 'image_url' ? 'images are {type: image, source: {type: base64 | url, …}}' : `blocks are ${BLOCKS.join(', ')}`;
      report(no, M.partFor(`${path}.content[${j}].type`, block.type, provider, want));
    });
  });
}
