/** The url of an OpenAI-family line must be an endpoint the provider takes in a batch. */
import { E, problem } from '../../errors/index.js';
import type { RuleFactory } from './rule.js';

export const checkEndpoint: RuleFactory = ({ shape, profile }, report) => {
  if (shape.family !== 'openai' || !profile) return undefined;
  const known = profile.endpoints;
  return {
    check(line, no) {
      const url = line.url;
      if (typeof url === 'string' && !known.includes(url)) report(no, problem(E.LineEndpointUnknown, { url, provider: profile.name, known }));
    },
  };
};
