import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Io } from '../../src/cli/command.js';
import { run } from '../../src/cli/run.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temp folder holding `files` (path → text); returns its real path. */
export function project(files: Record<string, string | Buffer> = {}): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'batchforge-tools-')));
  dirs.push(dir);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

export interface Captured {
  io: Io;
  stdout: () => string;
  stderr: () => string;
}

export function capture(cwd: string, opts: { tty?: boolean; env?: Record<string, string>; columns?: number } = {}): Captured {
  let out = '';
  let err = '';
  const io: Io = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s), isTTY: opts.tty ?? false, ...(opts.columns && { columns: opts.columns }) },
    cwd,
    env: opts.env ?? {},
    color: false,
  };
  return { io, stdout: () => out, stderr: () => err };
}

/** Runs the CLI in `cwd`; returns exit code and output. */
export async function cli(cwd: string, argv: string[], opts: Parameters<typeof capture>[1] = {}) {
  const c = capture(cwd, opts);
  const code = await run(argv, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

/** A small chat project: three rows, a system template with a partial. */
export const CHAT_PROJECT: Record<string, string> = {
  'batch.config.yaml': `model: gpt-4o-mini
params:
  max_tokens: 50
source:
  path: data/cities.csv
custom_id: "city-{{code}}"
messages:
  - role: system
    template: templates/system.hbs
  - role: user
    content: "Describe {{city}} in one line."
`,
  'data/cities.csv': 'code,city\nPAR,Paris\nROM,Rome\nOSL,Oslo\n',
  'templates/system.hbs': 'You are terse.\n{{> tone}}\n',
  'templates/partials/tone.hbs': 'Be kind.',
};
