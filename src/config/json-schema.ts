/** The editor JSON Schema, derived from the one schema declaration (committed as batch.config.schema.json). */
import { z } from 'zod';
import { configSchema } from './schema.js';

export const SCHEMA_FILE = 'batch.config.schema.json';

export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://batchforge.dev/batch.config.schema.json', title: 'batchforge config' };
}

export function configJsonSchemaText(): string {
  return JSON.stringify(configJsonSchema(), null, 2) + '\n';
}
