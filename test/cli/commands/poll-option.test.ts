import { describe, expect, it } from 'vitest';
import { pollOption } from '../../../src/cli/commands/lifecycle-deps.js';
import { formatProblem, isBatchforgeError } from '../../../src/errors/index.js';

function refusal(poll: string): string {
  try {
    pollOption({ values: { poll }, positionals: [] }, {});
  } catch (e) {
    if (isBatchforgeError(e)) return e.problems.map((p) => `[${p.kind}] ${formatProblem(p)}`).join('\n');
    throw e;
  }
  return 'accepted';
}

describe('--poll SECONDS', () => {
  it('takes a positive number of seconds', () => {
    expect(pollOption({ values: { poll: '2.5' }, positionals: [] }, {})).toEqual({ pollMs: 2500 });
  });

  it('refuses zero and words as a usage error', () => {
    const expected = (got: string) => `[usage] --poll takes seconds, e.g. 5 (got "${got}")\n  hint: give a number of seconds above 0, e.g. --poll 30`;
    expect(refusal('0')).toBe(expected('0'));
    expect(refusal('soon')).toBe(expected('soon'));
  });
});
