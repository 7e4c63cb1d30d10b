import type { FamilyShape } from './shape.js';

/** {request}: Vertex AI batch prediction; there is no id field (results echo the request). */
export const vertexShape: FamilyShape = {
  family: 'vertex',
  fields: [{ key: 'request', type: 'object', required: true }],
  bodyKey: 'request',
  signatures: [['request']],
  defaultProvider: 'vertex',
};
