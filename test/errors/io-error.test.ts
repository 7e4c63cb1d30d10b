import { describe, expect, test } from 'vitest';
import { formatProblem, outputProblem } from '../../src/errors/index.js';

const errno = (code: string) => Object.assign(new Error(`${code}: something, write`), { code });

describe('outputProblem', () => {
  test('a full disk names the folder, the cause, and what to do', () => {
    const p = outputProblem(errno('ENOSPC'), 'out');
    expect(p && formatProblem(p)).toBe(
      'cannot write the build into out: no space left on the device (ENOSPC); the last good output is unchanged\n' +
        '  hint: free disk space: a build needs room for its new shards next to the old ones until it swaps them in, plus 12 bytes per custom_id past the first 1,048,576; or point output.dir at another disk',
    );
    expect(p?.kind).toBe('config');
  });

  test('permissions and open-file limits get their own words', () => {
    expect(outputProblem(errno('EACCES'), 'out')?.message).toBe('cannot write the build into out: permission denied (EACCES); the last good output is unchanged');
    expect(outputProblem(errno('EMFILE'), 'out')?.hint).toBe('close other programs or raise the open-file limit (ulimit -n)');
  });

  test('anything else is not the machine\'s state: left to be reported as a bug', () => {
    expect(outputProblem(new Error('boom'), 'out')).toBeUndefined();
    expect(outputProblem(errno('ENOENT'), 'out')).toBeUndefined();
    expect(outputProblem(undefined, 'out')).toBeUndefined();
  });
});
