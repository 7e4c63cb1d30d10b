import type { FamilyShape } from './shape.js';

/** {custom_id, method, url, body}: OpenAI, Azure, Groq, Doubleword, vLLM. */
export const openaiShape: FamilyShape = {
  family: 'openai',
  fields: [
    { key: 'custom_id', type: 'string', required: true },
    { key: 'method', type: 'string', required: true, equals: 'POST' },
    { key: 'url', type: 'string', required: true },
    { key: 'body', type: 'object', required: true },
  ],
  idKey: 'custom_id',
  bodyKey: 'body',
  signatures: [['url'], ['method']],
  defaultProvider: 'openai',
};
