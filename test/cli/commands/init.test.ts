import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchemaText } from '../../../src/config/json-schema.js';
import { build } from '../../../src/pipeline/build.js';
import { GITIGNORE } from '../../../src/tools/init.js';
import { cli, project } from '../helpers.js';

const FILES = ['batch.config.yaml', 'batch.config.schema.json', 'data/questions.csv', 'templates/system.hbs', 'templates/partials/style.hbs'];

describe('batchforge init', () => {
  it('scaffolds a project that builds as it is', async () => {
    const dir = project();
    const r = await cli(dir, ['init', 'demo']);
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: [...FILES, '.gitignore'].map((f) => `created demo/${f}\n`).join('') + 'next: cd demo && npx batchforge preview, then npx batchforge build\n',
    });
    expect(readFileSync(path.join(dir, 'demo/.gitignore'), 'utf8')).toBe(GITIGNORE);
    const demo = path.join(dir, 'demo');
    expect(readFileSync(path.join(demo, 'batch.config.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./batch.config.schema.json');
    expect(readFileSync(path.join(demo, 'batch.config.schema.json'), 'utf8')).toBe(configJsonSchemaText());
    expect(readFileSync(path.join(demo, 'templates/system.hbs'), 'utf8')).toContain('{{> style}}');
    const built = await build({ cwd: demo });
    expect(built.problems).toEqual([]);
    expect(built.ok).toBe(true);
    expect(built.summary).toMatchObject({ rows: 5, written: 5, rejected: 0, shards: 1 });
    const first = JSON.parse(readFileSync(path.join(demo, 'out/batch-00001.jsonl'), 'utf8').split('\n')[0]!);
    expect(first.body.messages).toEqual([
      { role: 'system', content: 'You are a patient teacher answering questions about geography.\nAnswer in at most three sentences, in plain words, without lists or headings.\n' },
      { role: 'user', content: 'What is the longest river in Europe?' },
    ]);
  });

  it('scaffolds into the current folder by default', async () => {
    const dir = project();
    const r = await cli(dir, ['init']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').slice(-2)).toEqual(['next: npx batchforge preview, then npx batchforge build', '']);
    for (const f of FILES) expect(existsSync(path.join(dir, f))).toBe(true);
  });

  it('refuses to overwrite, names the existing files and writes nothing', async () => {
    const dir = project({ 'batch.config.yaml': 'model: mine\n', 'templates/system.hbs': 'mine' });
    expect(await cli(dir, ['init'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'init would overwrite 2 existing file(s) in .: batch.config.yaml, templates/system.hbs\n  hint: nothing was written; run init in an empty folder, or move these files away first\n',
    });
    expect(readFileSync(path.join(dir, 'batch.config.yaml'), 'utf8')).toBe('model: mine\n');
    expect(readdirSync(dir).sort()).toEqual(['batch.config.yaml', 'templates']);
    expect(readdirSync(path.join(dir, 'templates'))).toEqual(['system.hbs']);
  });

  it('appends the lines an existing .gitignore lacks, and leaves one that has them as it is', async () => {
    const dir = project({ '.gitignore': 'node_modules/' });
    expect((await cli(dir, ['init'])).code).toBe(0);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe(
      'node_modules/\n# batchforge: build output and the record of submitted batches (see the README section "What to git-ignore")\nout/\n',
    );
    const again = project({ '.gitignore': 'out/\n' });
    const r = await cli(again, ['init']);
    expect(r.stderr).not.toContain('.gitignore');
    expect(readFileSync(path.join(again, '.gitignore'), 'utf8')).toBe('out/\n');
  });

  it('init onto an existing file is the user\'s mistake: named, exit 2, not an internal error', async () => {
    const dir = project({ taken: 'a file\n' });
    expect(await cli(dir, ['init', 'taken'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'taken already exists (EEXIST)\n  hint: move or rename it, or choose another name: batchforge does not overwrite what it did not write\n',
    });
    expect(readFileSync(path.join(dir, 'taken'), 'utf8')).toBe('a file\n');
  });
});
