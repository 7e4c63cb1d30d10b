/**
 * A line family's top-level shape, declared as data: which keys a line has, their JSON types,
 * which one is the request id, and the keys that tell the family apart when no provider is named.
 * One small file per family in this folder; check-shape.ts is the one rule that reads them.
 */
import type { LineFamily } from '../../providers/profile.js';

export interface FieldSpec {
  key: string;
  type: 'string' | 'object';
  required: boolean;
  /** the only value allowed, e.g. method "POST" */
  equals?: string;
}

export interface FamilyShape {
  family: LineFamily;
  fields: readonly FieldSpec[];
  /** the request id key checked for duplicates and the provider's id rule */
  idKey?: string;
  /** the key of the request body, for model-per-file checks */
  bodyKey: string;
  /** any one of these key sets, all present on the first line, identifies the family */
  signatures: readonly (readonly string[])[];
  /** the provider a file of this shape most likely targets, when --provider is not given */
  defaultProvider: string;
}
