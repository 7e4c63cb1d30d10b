/**
 * init: scaffolds a project that builds as it is: a commented batch.config.yaml whose first line
 * points editors at batch.config.schema.json (written beside it, so completion works offline and
 * matches this version; `batchforge schema > batch.config.schema.json` refreshes it), a sample
 * CSV, a system template that uses a partial, and a .gitignore for what batchforge writes. It
 * never overwrites: when any of its files exists, it names them and writes nothing; an existing
 * .gitignore only gets the missing lines appended.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configJsonSchemaText, SCHEMA_FILE } from '../config/json-schema.js';
import { BatchforgeError, E, problem } from '../errors/index.js';
import { displayPath } from '../util/paths.js';

const CONFIG = `# yaml-language-server: $schema=./${SCHEMA_FILE}
# One request per row of data/questions.csv. \`npx batchforge preview\` shows the first requests,
# \`npx batchforge stats\` counts tokens and cost, \`npx batchforge build\` writes out/.
provider: openai
model: gpt-4o-mini
params:
  temperature: 0
  max_tokens: 200
source:
  path: data/questions.csv
custom_id: "q-{{id}}"
messages:
  - role: system
    template: templates/system.hbs
  - role: user
    content: "{{question}}"
output:
  dir: out
`;

const QUESTIONS = `id,topic,question
1,geography,What is the longest river in Europe?
2,astronomy,Why does the Moon always show the same face to the Earth?
3,biology,"How do bees tell each other where flowers are?"
4,history,"Who built the first mechanical clock, and when?"
5,physics,Why is the sky blue?
`;

const SYSTEM = `You are a patient teacher answering questions about {{topic}}.
{{> style}}
`;

const STYLE = `Answer in at most three sentences, in plain words, without lists or headings.
`;

/**
 * What to keep out of git: out/ holds shards and manifest (rebuilt by \`batchforge build\` from the
 * config and data), and submit-state.json and results.* (batch ids and model answers, which
 * belong to your provider account rather than to the repository)
 */
export const GITIGNORE = `# batchforge: build output and the record of submitted batches (see the README section "What to git-ignore")
out/
`;

/** The files init writes, relative to the project folder, in the order they are written. */
export function scaffoldFiles(): Array<{ file: string; text: string }> {
  return [
    { file: 'batch.config.yaml', text: CONFIG },
    { file: SCHEMA_FILE, text: configJsonSchemaText() },
    { file: 'data/questions.csv', text: QUESTIONS },
    { file: 'templates/system.hbs', text: SYSTEM },
    { file: 'templates/partials/style.hbs', text: STYLE },
  ];
}

/** the project folder as the user knows it: `.` for the working directory itself */
export function shownDir(dir: string, cwd: string): string {
  return path.relative(cwd, dir) === '' ? '.' : displayPath(dir, cwd);
}

/** Writes the scaffold into `dir` (created if needed); returns the files written, as shown to the user. */
export function init(dir: string, cwd: string): string[] {
  const root = path.resolve(cwd, dir);
  const files = scaffoldFiles();
  const existing = files.filter((f) => existsSync(path.join(root, f.file))).map((f) => f.file);
  if (existing.length) throw new BatchforgeError(problem(E.InitWouldOverwrite, { dir: shownDir(root, cwd), files: existing }));
  const written: string[] = [];
  for (const f of files) {
    const full = path.join(root, f.file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, f.text, { flag: 'wx' });
    written.push(displayPath(full, cwd));
  }
  if (addGitignore(path.join(root, '.gitignore'))) written.push(displayPath(path.join(root, '.gitignore'), cwd));
  return written;
}

/** Writes .gitignore, or appends its lines that an existing one lacks; false when it has them all. */
function addGitignore(file: string): boolean {
  if (!existsSync(file)) {
    writeFileSync(file, GITIGNORE, { flag: 'wx' });
    return true;
  }
  const have = new Set(readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.trim()));
  const missing = GITIGNORE.split('\n').filter((l) => l !== '' && !l.startsWith('#') && !have.has(l));
  if (missing.length === 0) return false;
  const text = readFileSync(file, 'utf8');
  appendFileSync(file, `${text === '' || text.endsWith('\n') ? '' : '\n'}${GITIGNORE.split('\n')[0]}\n${missing.join('\n')}\n`);
  return true;
}
