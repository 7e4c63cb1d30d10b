import type { FamilyShape } from './shape.js';

/** {custom_id, body}: Together, Mistral, Fireworks — the endpoint is set on the job, not the line. */
export const customIdBodyShape: FamilyShape = {
  family: 'custom-id-body',
  fields: [
    { key: 'custom_id', type: 'string', required: true },
    { key: 'body', type: 'object', required: true },
  ],
  idKey: 'custom_id',
  bodyKey: 'body',
  signatures: [['custom_id', 'body']],
  defaultProvider: 'together',
};
