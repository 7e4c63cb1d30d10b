/**
 * The catalogue's own rules: codes are permanent names, so each is unique; an entry no code uses
 * is a message nobody can see; and a hint that sends users to a README section must name one
 * that exists (hints once pointed at a "Config reference" section the README never had).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { E } from '../../src/errors/index.js';

const root = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const sources = sourceFiles(path.join(root, 'src')).map((file) => ({ file: path.relative(root, file), text: readFileSync(file, 'utf8') }));

/** The README's headings, without the #s: `Fan-out: \`matrix\``. */
export function readmeHeadings(): Set<string> {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  // headings inside ``` blocks (a YAML comment such as `# yaml-language-server`) are not sections
  const prose = readme.replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...prose.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.trim()));
}

describe('the error catalogue', () => {
  test('every code is unique', () => {
    const codes = Object.values(E).map((e) => e.code);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
  });

  test('every entry is used somewhere in src/', () => {
    const unused = Object.keys(E).filter(
      (name) => !sources.some(({ file, text }) => !file.endsWith('catalogue.ts') && new RegExp(`\\bE\\.${name}\\b`).test(text)),
    );
    expect(unused).toEqual([]);
  });

  test('every README section a message names is a heading of README.md', () => {
    const headings = readmeHeadings();
    const named = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/README(?: section)? "([^"]+)"/g)].map((m) => ({ file, section: m[1]! })),
    );
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter(({ section }) => !headings.has(section))).toEqual([]);
  });
});
