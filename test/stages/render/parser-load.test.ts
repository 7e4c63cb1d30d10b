/**
 * A template syntax error is the user's to fix; Handlebars' parser failing to load is a broken
 * install (a bug for them to report), and must not be reported as a syntax error in their template.
 */
import { expect, test, vi } from 'vitest';

vi.mock('node:module', async (importOriginal) => {
  const mod = await importOriginal<typeof import('node:module')>();
  return {
    ...mod,
    createRequire: () => () => {
      throw Object.assign(new Error("Cannot find module 'handlebars/dist/cjs/handlebars/compiler/base.js'"), { code: 'MODULE_NOT_FOUND' });
    },
  };
});

const { parseTemplate } = await import('../../../src/stages/render/template.js');

test('a parser that cannot be loaded is thrown as it is, not reported as a template syntax error', () => {
  const tpl = { text: 'Hello {{name}}', name: 'messages[0].content', location: { file: 'batch.config.yaml', line: 3, column: 5 } };
  expect(() => parseTemplate({ partials: new Map() }, tpl as never)).toThrow(/Cannot find module 'handlebars/);
});
