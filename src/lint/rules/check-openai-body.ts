/**
 * The body of an OpenAI-family line must be a request its url's endpoint accepts: every body
 * names its model and does not stream; the endpoint decides what else is required.
 */
import { E, problem } from '../../errors/index.js';
import { checkChatBody } from './body-chat.js';
import { checkInputBody } from './body-input.js';
import { type RuleFactory, isObject, jsonType } from './rule.js';

/** Reasoning model families that refuse max_tokens in favour of max_completion_tokens. */
const NEEDS_MAX_COMPLETION_TOKENS = /^(o1|o3|o4|gpt-5)/;

export const checkOpenAiBody: RuleFactory = ({ shape }, report) => {
  if (shape.family !== 'openai') return undefined;
  return {
    check(line, no) {
      const body = line.body;
      if (!isObject(body)) return;
      const model = body.model;
      if (model === undefined) report(no, problem(E.LineKeyMissing, { key: 'body.model' }));
      else if (typeof model !== 'string') report(no, problem(E.LineWrongType, { path: 'body.model', want: 'a string', got: jsonType(model) }));
      else if (body.max_tokens !== undefined && NEEDS_MAX_COMPLETION_TOKENS.test(model)) {
        report(no, problem(E.LineMaxTokensOnReasoning, { model }, undefined, 'warning'));
      }
      if (body.stream === true) report(no, problem(E.LineStreams, {}));
      const url = typeof line.url === 'string' ? line.url : '';
      if (url.endsWith('/chat/completions')) checkChatBody(body, no, report);
      else if (url.endsWith('/embeddings')) checkInputBody(body, 'input', 'embeddings', no, report);
      else if (url.endsWith('/completions')) checkInputBody(body, 'prompt', 'completions', no, report);
      else if (url.endsWith('/responses')) checkInputBody(body, 'input', 'responses', no, report);
      else if (url.endsWith('/moderations')) checkInputBody(body, 'input', 'moderations', no, report);
    },
  };
};
