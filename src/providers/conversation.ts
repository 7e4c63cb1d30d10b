/**
 * The rules every translating provider (Anthropic, Bedrock, Gemini, Vertex) shares about the
 * config's OpenAI-style messages: system instructions live outside the turns, so they must come
 * first; messages have no `name`; at least one turn remains. One function checks them, so each
 * rule is one catalogue entry whichever provider a config breaks it for.
 */
import { E } from '../errors/index.js';
import type { Tree } from '../stages/render/tree.js';
import { isSystemRole } from './parts.js';
import type { RequestSpec, SpecIssue } from './profile.js';
import { issue } from './spec-issues.js';

export interface Turn {
  role: string;
  content: Tree;
  /** the message's index in the config, for issue paths */
  index: number;
}

export interface Conversation {
  system: Turn[];
  turns: Turn[];
}

export function splitConversation(spec: RequestSpec, provider: string, issues: SpecIssue[]): Conversation {
  const system: Turn[] = [];
  const turns: Turn[] = [];
  (spec.messages ?? []).forEach((m, index) => {
    if (m.name !== undefined) issues.push(issue(['messages', index, 'name'], E.MessageNameRefused, { provider, index }));
    if (!isSystemRole(m.role)) turns.push({ role: m.role, content: m.content, index });
    else if (turns.length) issues.push(issue(['messages', index, 'role'], E.SystemAfterTurns, { provider, index, role: m.role }));
    else system.push({ role: m.role, content: m.content, index });
  });
  if (spec.messages && !turns.length) issues.push(issue(['messages'], E.NoUserMessage, { provider }));
  return { system, turns };
}

/** A content part the provider cannot take there. */
export function partRefused(provider: string, turn: Turn, j: number, part: string, where: 'system' | 'message'): SpecIssue {
  return issue(['messages', turn.index, 'content', j], E.PartRefused, { provider, part, where });
}
