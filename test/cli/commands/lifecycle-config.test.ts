/**
 * The lifecycle commands load the config once per run: the output folder, the base URLs and
 * collect's re-streamed source all come from that one load; a later run loads it afresh.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import type { Io } from '../../../src/cli/command.js';
import { configDeps } from '../../../src/cli/commands/lifecycle-config.js';
import { project } from '../../support/project.js';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/config/load.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/config/load.js')>();
  return { ...real, loadConfig: (...args: Parameters<typeof real.loadConfig>) => (loads.count++, real.loadConfig(...args)) };
});

const ioIn = (cwd: string): Io => ({ stdout: { write: () => true }, stderr: { write: () => true }, cwd, env: {}, color: false });
const config = (dir: string) => `model: m\nbase_url: http://127.0.0.1:9/v1\noutput: { dir: ${dir} }\nsource: { path: q.csv }\ncustom_id: "q-{{id}}"\nmessages: [{ role: user, content: "{{q}}" }]\n`;

async function lifecycleRun(io: Io) {
  const outDir = await configDeps.resolveOutDir!(io);
  const baseUrl = await configDeps.baseUrl!(io);
  const ids: string[] = [];
  for await (const r of configDeps.streamRequests!(undefined, io)) ids.push(r.customId);
  return { outDir: path.basename(outDir), baseUrl, ids };
}

describe('the lifecycle commands\' config', () => {
  test('is loaded once per run for the folder, the base URLs and the re-streamed source, and afresh by the next run', async () => {
    const cwd = project({ 'batch.config.yaml': config('first'), 'q.csv': 'id,q\n1,a\n2,b\n' });
    loads.count = 0;
    expect(await lifecycleRun(ioIn(cwd))).toEqual({ outDir: 'first', baseUrl: 'http://127.0.0.1:9/v1', ids: ['q-1', 'q-2'] });
    expect(loads.count).toBe(1);
    writeFileSync(path.join(cwd, 'batch.config.yaml'), config('second'));
    expect((await lifecycleRun(ioIn(cwd))).outDir).toBe('second');
    expect(loads.count).toBe(2);
  });
});
