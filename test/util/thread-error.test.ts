import { describe, expect, test } from 'vitest';
import { BatchforgeError, E, problem } from '../../src/errors/index.js';
import { fromThreadError, toThreadError } from '../../src/util/thread-error.js';

/** what postMessage does to a value */
const cross = <T>(v: T): T => structuredClone(v);

describe('errors across threads', () => {
  test('a BatchforgeError arrives as one, with its problems and their text', () => {
    const p = problem(E.SourceUnreadable, { file: 'data/a.csv', detail: 'no such file' }, { file: 'data/a.csv' });
    const back = fromThreadError(cross(toThreadError(new BatchforgeError(p))), 'render thread: ');
    expect(back).toBeInstanceOf(BatchforgeError);
    expect((back as BatchforgeError).problems).toEqual([p]);
  });

  test('another error keeps its message (with where it happened), stack and errno code', () => {
    const e = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const back = fromThreadError(cross(toThreadError(e)), 'render thread: ') as NodeJS.ErrnoException;
    expect(back).not.toBeInstanceOf(BatchforgeError);
    expect(back.message).toBe('render thread: ENOSPC: no space left on device, write');
    expect(back.code).toBe('ENOSPC');
    expect(back.stack).toBe(e.stack);
    expect(fromThreadError(cross(toThreadError('a string'))).message).toBe('a string');
  });
});
