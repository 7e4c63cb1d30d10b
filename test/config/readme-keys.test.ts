/**
 * The README's key table documents every key of the schema, with the schema's default: the
 * schema is the one declaration, the README its reader's copy, and this test keeps them equal.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { configJsonSchema } from '../../src/config/json-schema.js';
import { cli } from '../support/io.js';
import { project } from '../support/project.js';

interface Node {
  default?: unknown;
  properties?: Record<string, Node>;
  items?: Node;
  anyOf?: Node[];
}

/** Every documented key path with its schema node: `output.dir`, `custom_id.length`, `messages[].role`. */
function schemaKeys(): Map<string, Node> {
  const root = configJsonSchema() as Node;
  const top = root.properties!;
  const keys = new Map<string, Node>();
  for (const [key, node] of Object.entries(top)) {
    keys.set(key, node);
    for (const shape of [node, ...(node.anyOf ?? [])]) {
      for (const [sub, subNode] of Object.entries(shape.properties ?? {})) keys.set(`${key}.${sub}`, subNode);
      // a list of objects: its items' own keys (a batch entry's are the top-level keys, plus name)
      for (const [sub, subNode] of Object.entries(shape.items?.properties ?? {})) if (!(sub in top)) keys.set(`${key}[].${sub}`, subNode);
    }
  }
  return keys;
}

/** The rows of the README's "Every key" table: key → default cell. */
function readmeRows(): Map<string, string> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('\n### Every key\n'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| key |')));
  const rows = new Map<string, string>();
  for (const line of table.split('\n')) {
    const m = /^\| `([^`]+)` \| (.*?) \|/.exec(line);
    if (m) rows.set(m[1]!, m[2]!);
  }
  return rows;
}

/** A default as the README writes it: `openai`, `0`, `false`, `{}`, `""`. */
function shown(value: unknown): string {
  if (value === '') return '`""`';
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

describe('the README key table', () => {
  test('names every schema key', () => {
    const rows = readmeRows();
    expect([...schemaKeys().keys()].filter((k) => !rows.has(k))).toEqual([]);
  });

  test('names no key the schema does not have', () => {
    const keys = schemaKeys();
    expect([...readmeRows().keys()].filter((k) => !keys.has(k))).toEqual([]);
  });

  test("shows each key's schema default", () => {
    const rows = readmeRows();
    const wrong = [...schemaKeys()]
      // a list default (batches: one batch named "batch") is said in words
      .filter(([, node]) => node.default !== undefined && !Array.isArray(node.default))
      .filter(([key, node]) => !rows.get(key)?.includes(shown(node.default)))
      .map(([key, node]) => `${key}: README says ${JSON.stringify(rows.get(key))}, the schema ${shown(node.default)}`);
    expect(wrong).toEqual([]);
  });
});

describe('the README example of a config error', () => {
  test('is what batchforge prints for it', async () => {
    const r = await cli(project({ 'batch.config.yaml': 'provider: openai\nmodle: gpt-4o-mini\n' }), 'build');
    expect(r.code).toBe(2);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('```\n' + r.stderr + '```\n');
  });
});
