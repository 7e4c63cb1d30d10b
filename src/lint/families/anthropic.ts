import type { FamilyShape } from './shape.js';

/** {custom_id, params}: one entry of an Anthropic Message Batches `requests` array, one per line. */
export const anthropicShape: FamilyShape = {
  family: 'anthropic',
  fields: [
    { key: 'custom_id', type: 'string', required: true },
    { key: 'params', type: 'object', required: true },
  ],
  idKey: 'custom_id',
  bodyKey: 'params',
  signatures: [['params']],
  defaultProvider: 'anthropic',
};
