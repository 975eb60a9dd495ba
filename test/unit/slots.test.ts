import { describe, expect, it } from 'vitest';
import { CallerSlots, Slots } from '../../src/upstreams/slots.js';
import { useDeadlines } from '../support/deadlines.js';

/** Counted slots, handed over in order, released once: one caller's share of an upstream, and the upstream's own bound. */

/** A slot given at once is a release function, not a promise: settled already. */
const settled = async <T>(slot: T | Promise<T>): Promise<'pending' | 'resolved' | 'rejected'> => {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  Promise.resolve(slot).then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  // Promise reactions run before the next macrotask.
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

const deadlineOf = useDeadlines();

describe('CallerSlots', () => {
  it('lets a caller have perCaller requests in flight; the next waits for a release, other callers do not', async () => {
    const slots = new CallerSlots(2);
    const never = deadlineOf();
    const first = await slots.acquire('a', never);
    await slots.acquire('a', never);
    const third = slots.acquire('a', never);
    expect(await settled(third)).toBe('pending');
    expect(typeof slots.acquire('b', never)).toBe('function');
    first();
    first();
    expect(await settled(third)).toBe('resolved');
    // Released twice, handed over once: a fourth still waits.
    expect(await settled(slots.acquire('a', never))).toBe('pending');
  });

  it('gives up a wait when its request is aborted, and forgets callers with nothing in flight', async () => {
    const slots = new CallerSlots(1);
    const never = deadlineOf();
    const release = await slots.acquire('a', never);
    const caller = new AbortController();
    const waiting = slots.acquire('a', deadlineOf(caller));
    caller.abort();
    expect(await settled(waiting)).toBe('rejected');
    release();
    expect(slots.size).toBe(0);
  });
});

describe('Slots', () => {
  it('is full only when every slot is held and the queue is at its bound; a wait aborted leaves the queue', async () => {
    const slots = new Slots(1, 1);
    const never = deadlineOf();
    const held = slots.acquire(never);
    expect(typeof held).toBe('function');
    expect(slots.full).toBe(false);
    const caller = new AbortController();
    const waiting = slots.acquire(deadlineOf(caller));
    expect(slots.full).toBe(true);
    caller.abort();
    expect(await settled(waiting)).toBe('rejected');
    expect(slots.full).toBe(false);
    const next = slots.acquire(never);
    expect(await settled(next)).toBe('pending');
    (held as () => void)();
    expect(await settled(next)).toBe('resolved');
  });
});
