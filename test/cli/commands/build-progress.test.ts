import { describe, expect, it } from 'vitest';
import { CHAT_PROJECT, cli, project } from '../helpers.js';

describe('batchforge build progress', () => {
  it('draws a progress line on a TTY and clears it before the summary', async () => {
    const r = await cli(project(CHAT_PROJECT), ['build'], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\r\u001b\[Kbatch: 3 rows · [\d,]+ rows\/s · 721 B · 1 shard\r\u001b\[Kbatch  provider  rows/);
  });

  it('stays silent when stderr is not a TTY, and in CI', async () => {
    for (const opts of [{ tty: false }, { tty: true, env: { CI: '1' } }]) {
      const r = await cli(project(CHAT_PROJECT), ['build'], opts);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^batch  provider  rows  written  rejected  shards  bytes\n/);
      expect(r.stderr).not.toContain('\r');
    }
  });
});
