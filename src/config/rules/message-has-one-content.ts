import { E, problem } from '../../errors/index.js';
import type { Rule } from './rule.js';

/** A message's text comes from `content` (inline) or `template` (a file): exactly one of them. */
export const messageHasOneContent: Rule = (entry, ctx) => {
  entry.messages?.forEach((m, i) => {
    if ((m.content === undefined) === (m.template === undefined)) ctx.error(problem(E.MessageContentXorTemplate, {}), [...entry.where('messages'), i]);
  });
};
