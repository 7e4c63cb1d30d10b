import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { configJsonSchema, configJsonSchemaText, SCHEMA_FILE } from '../../src/config/json-schema.js';
import { run } from '../../src/cli/run.js';

const committed = new URL(`../../${SCHEMA_FILE}`, import.meta.url);

describe('the editor JSON Schema', () => {
  test('the committed batch.config.schema.json is what the schema declaration generates', () => {
    // if this fails: node dist/cli/main.js schema > batch.config.schema.json
    expect(readFileSync(committed, 'utf8')).toBe(configJsonSchemaText());
  });

  test('every top-level, source, output and message key has a description', () => {
    const schema = configJsonSchema() as { properties: Record<string, { description?: string; properties?: Record<string, { description?: string }> }> };
    const missing: string[] = [];
    for (const [key, sub] of Object.entries(schema.properties)) {
      if (!sub.description) missing.push(key);
      for (const [k, v] of Object.entries(sub.properties ?? {})) if (!v.description) missing.push(`${key}.${k}`);
    }
    expect(missing).toEqual([]);
  });

  test('`batchforge schema` prints it', async () => {
    let out = '';
    const code = await run(['schema'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, cwd: '.', env: {}, color: false });
    expect(code).toBe(0);
    expect(out).toBe(configJsonSchemaText());
  });
});
