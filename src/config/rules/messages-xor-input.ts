import { E, problem } from '../../errors/index.js';
import { batchLabel } from '../normalize-entries.js';
import { endpointFor } from '../endpoint-for.js';
import { providersOf, type Rule } from './rule.js';

/**
 * A request sends messages or input, not both and not neither — except on endpoints whose whole
 * body comes from params (vLLM score/rerank).
 */
export const messagesXorInput: Rule = (entry, ctx) => {
  if (entry.messages && entry.input !== undefined) {
    ctx.error(problem(E.MessagesAndInput, {}), entry.where('input'), true);
    return;
  }
  if (entry.messages || entry.input !== undefined) return;
  const paramsOnly = providersOf(entry).some((p) => p.paramsOnlyEndpoints?.includes(endpointFor(entry, p)));
  if (!paramsOnly) ctx.error(problem(E.NoMessagesOrInput, batchLabel(entry)), entry.base ?? []);
};
