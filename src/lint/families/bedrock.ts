import type { FamilyShape } from './shape.js';

/** {recordId, modelInput}: AWS Bedrock batch inference; recordId is optional (Bedrock fills one in). */
export const bedrockShape: FamilyShape = {
  family: 'bedrock',
  fields: [
    { key: 'recordId', type: 'string', required: false },
    { key: 'modelInput', type: 'object', required: true },
  ],
  idKey: 'recordId',
  bodyKey: 'modelInput',
  signatures: [['modelInput'], ['recordId']],
  defaultProvider: 'bedrock',
};
