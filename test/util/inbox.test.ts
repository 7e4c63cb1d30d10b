import { describe, expect, test } from 'vitest';
import { Inbox } from '../../src/util/inbox.js';

describe('Inbox', () => {
  test('gives items in the order pushed, waiting for those not yet pushed', async () => {
    const inbox = new Inbox<number>();
    inbox.push(1);
    const taken = [await inbox.take()];
    const later = inbox.take();
    setTimeout(() => {
      inbox.push(2);
      inbox.push(3);
    }, 5);
    taken.push(await later, await inbox.take());
    expect(taken).toEqual([1, 2, 3]);
  });
});
