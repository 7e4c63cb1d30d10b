import { E, problem } from '../../errors/index.js';
import type { Json } from '../../stages/render/tree.js';
import type { KeyPath } from '../document.js';
import type { Rule } from './rule.js';

/** what a request sends is rendered from these keys, so params may not set them */
const PROMPT_KEYS: Record<string, string> = { messages: 'messages', input: 'input', prompt: 'input' };

/**
 * params hold no key batchforge writes itself (model, messages, input, prompt) and no stream:
 * true. The entry's params and every item of a matrix params axis are checked.
 */
export const noReservedParams: Rule = (entry, ctx) => {
  const check = (params: Record<string, Json>, at: (key: string) => KeyPath) => {
    if ('model' in params) ctx.error(problem(E.ParamsHoldModel, {}), at('model'), true);
    for (const key of Object.keys(PROMPT_KEYS)) if (key in params) ctx.error(problem(E.ParamsHoldPrompt, { key, use: PROMPT_KEYS[key]! }), at(key), true);
    if (params.stream === true) ctx.error(problem(E.ParamsStream, {}), at('stream'));
  };
  check(entry.params, (key) => entry.whereIn('params', key));
  entry.matrix?.params?.forEach((item, i) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) check(item, (key) => [...entry.where('matrix'), 'params', i, key]);
  });
};
