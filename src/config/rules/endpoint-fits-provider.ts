import { E, problem } from '../../errors/index.js';
import { endpointTakesMessages } from '../../providers/profile.js';
import { endpointFor } from '../endpoint-for.js';
import { providersOf, type Rule } from './rule.js';

/** The endpoint is one the provider batches, and it takes what the entry sends (messages or input). */
export const endpointFitsProvider: Rule = (entry, ctx) => {
  for (const provider of providersOf(entry)) {
    const endpoint = endpointFor(entry, provider);
    if (!provider.endpoints.includes(endpoint)) {
      ctx.error(problem(E.UnsupportedEndpoint, { provider: provider.name, endpoint, known: [...provider.endpoints] }), entry.where('endpoint'));
    } else if (entry.messages && entry.input !== undefined) {
      // messages-xor-input reports this entry; which of the two the endpoint takes says nothing more
    } else if (entry.messages && !endpointTakesMessages(provider, endpoint)) {
      ctx.error(problem(E.EndpointTakesInput, { endpoint }), entry.where('messages'), true);
    } else if (entry.input !== undefined && endpointTakesMessages(provider, endpoint) && !endpoint.endsWith('/responses')) {
      // /responses takes both: `input` is its own field there
      ctx.error(problem(E.EndpointTakesMessages, { endpoint }), entry.where('input'), true);
    }
  }
};
