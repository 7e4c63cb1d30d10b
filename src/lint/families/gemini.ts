import type { FamilyShape } from './shape.js';

/** {key, request}: Gemini API batch files; `key` is the user's request id. */
export const geminiShape: FamilyShape = {
  family: 'gemini',
  fields: [
    { key: 'key', type: 'string', required: true },
    { key: 'request', type: 'object', required: true },
  ],
  idKey: 'key',
  bodyKey: 'request',
  signatures: [['key', 'request']],
  defaultProvider: 'gemini',
};
