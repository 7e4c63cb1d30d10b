import { describe, expect, it, vi } from 'vitest';

// collect itself is tested against a fake batch server; this file is about what the command prints
vi.mock('../../../src/lifecycle/collect.js', () => ({
  RESULTS_JSONL: 'results.jsonl',
  RESULTS_CSV: 'results.csv',
  collect: async () => ({ requests: 3, succeeded: 3, failed: 0, expired: 0, missing: 0, canceled: 0, unmatched: 2 }),
}));

const { createCollectCommand } = await import('../../../src/cli/commands/collect.js');

describe('batchforge collect prints', () => {
  it('results that match no request of the build as a warning with its hint, and exits 0', async () => {
    let out = '';
    let err = '';
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: '/tmp', env: {}, color: false };
    const command = createCollectCommand({ resolveOutDir: () => '/tmp/out', streamRequests: async function* () {} });
    expect(await command.run({ values: {}, positionals: [] }, io)).toBe(0);
    expect(out).toBe('requests   3\nsucceeded  3\nfailed     0\nexpired    0\nmissing    0\ncanceled   0\n');
    expect(err).toBe(
      'warning: 2 result(s) matched no request of the build\n' +
        '  hint: the provider returned custom_ids this build does not have: check that --dir is the build these batches were submitted from\n' +
        'wrote out/results.jsonl\n',
    );
  });
});
