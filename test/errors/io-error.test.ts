import { describe, expect, test } from 'vitest';
import { formatProblem, osProblem, outputProblem } from '../../src/errors/index.js';

const errno = (code: string, extra: Record<string, string> = {}) => Object.assign(new Error(`${code}: something, write`), { code, ...extra });

describe('outputProblem', () => {
  test('a full disk names the folder, the cause, and what to do', () => {
    const p = outputProblem(errno('ENOSPC'), 'out', '/p');
    expect(p && formatProblem(p)).toBe(
      'no space left on the device holding out (ENOSPC); the last good output is unchanged\n' +
        '  hint: free disk space: a build needs room for its new shards beside the old ones until it commits; or point output.dir at another disk',
    );
    expect(p?.kind).toBe('config');
  });

  test('the machine\'s limits keep the output folder\'s wording', () => {
    expect(outputProblem(errno('EMFILE'), 'out', '/p')?.hint).toBe('close other programs or raise the open-file limit (ulimit -n)');
    expect(outputProblem(errno('EDQUOT'), 'out', '/p')?.message).toBe('cannot write the build into out: disk quota exceeded (EDQUOT); the last good output is unchanged');
  });

  test('anything else is not the machine\'s state: left to be reported as a bug', () => {
    expect(outputProblem(new Error('boom'), 'out', '/p')).toBeUndefined();
    expect(outputProblem(errno('ERR_INVALID_ARG_TYPE'), 'out', '/p')).toBeUndefined();
    expect(outputProblem(undefined, 'out', '/p')).toBeUndefined();
  });
});

describe('osProblem', () => {
  test('each OS error a user can cause has its own entry, naming the path relative to the working folder', () => {
    const cases: Array<[string, string, string]> = [
      ['ENOENT', 'os-not-found', 'data/x does not exist (ENOENT)'],
      ['ENOTDIR', 'os-not-a-folder', 'data/x: a part of this path is a file, not a folder (ENOTDIR)'],
      ['EISDIR', 'os-is-a-folder', 'data/x is a folder where a file is needed (EISDIR)'],
      ['EEXIST', 'os-exists', 'data/x already exists (EEXIST)'],
      ['EACCES', 'os-permission-denied', 'permission denied: data/x (EACCES)'],
      ['EPERM', 'os-not-permitted', 'operation not permitted: data/x (EPERM)'],
      ['EROFS', 'os-read-only', 'data/x is on a read-only file system (EROFS)'],
      ['ENOSPC', 'os-no-space', 'no space left on the device holding data/x (ENOSPC)'],
      ['EBUSY', 'os-busy', 'data/x is busy (EBUSY): in use by another program, or a mount point'],
      ['EXDEV', 'os-cross-device', 'data/x → /elsewhere/y cannot be moved across file systems (EXDEV)'],
    ];
    for (const [code, name, message] of cases) {
      const p = osProblem(errno(code, { path: '/p/data/x', dest: '/elsewhere/y' }), '/p', 'fallback');
      expect([p?.code, p?.kind, p?.message]).toEqual([name, 'config', message]);
      expect(p?.hint).toMatch(/\w/);
    }
  });

  test('an error without a path names the fallback, and a note is appended', () => {
    expect(osProblem(errno('EROFS'), '/p', 'out', 'the last good output is unchanged')?.message).toBe(
      'out is on a read-only file system (EROFS); the last good output is unchanged',
    );
  });
});
