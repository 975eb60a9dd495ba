import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadline, DeadlineEnded, pause, untilEnded } from '../../src/upstreams/deadline.js';
import { CallerHangUp } from '../../src/upstreams/operation-scope.js';

/** An upstream request's time budget: the attempt in flight and every wait end with it, told why. */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** How a promise has settled by now (fake timers: only microtasks have run). */
async function state(promise: Promise<unknown>): Promise<string> {
  let result = 'pending';
  promise.then(
    () => (result = 'resolved'),
    (error: unknown) => (result = error instanceof DeadlineEnded ? 'deadline ended' : String(error)),
  );
  await vi.advanceTimersByTimeAsync(0);
  return result;
}

describe('Deadline', () => {
  it('ends when its time is up, telling each listener once', () => {
    const deadline = new Deadline(1_000);
    const first = vi.fn();
    const second = vi.fn();
    deadline.onEnd(first);
    deadline.onEnd(second);

    vi.advanceTimersByTime(999);
    expect([deadline.ended, first.mock.calls.length]).toEqual([false, 0]);
    vi.advanceTimersByTime(1);
    expect([deadline.ended, deadline.callerLeft(), first.mock.calls.length, second.mock.calls.length]).toEqual([true, false, 1, 1]);
    vi.advanceTimersByTime(10_000);
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([1, 1]);
  });

  it('ends when the caller hangs up, and says so; the time running out later changes nothing', () => {
    const caller = new AbortController();
    const deadline = new Deadline(1_000, new CallerHangUp(caller.signal));
    const ended = vi.fn();
    deadline.onEnd(ended);

    caller.abort();
    expect([deadline.ended, deadline.callerLeft(), ended.mock.calls.length]).toEqual([true, true, 1]);
    vi.advanceTimersByTime(1_000);
    expect([deadline.callerLeft(), ended.mock.calls.length]).toEqual([true, 1]);
  });

  it('tells a listener only until it stops listening, and at once one that comes after the end', () => {
    const deadline = new Deadline(1_000);
    const stopped = vi.fn();
    deadline.onEnd(stopped)();
    const listening = vi.fn();
    deadline.onEnd(listening);
    vi.advanceTimersByTime(1_000);
    expect([stopped.mock.calls.length, listening.mock.calls.length]).toEqual([0, 1]);

    const late = vi.fn();
    deadline.onEnd(late);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('once cancelled, keeps no timer, is not told of the caller hanging up, and never ends', () => {
    const caller = new AbortController();
    const deadline = new Deadline(1_000, new CallerHangUp(caller.signal));
    const ended = vi.fn();
    deadline.onEnd(ended);
    expect(vi.getTimerCount()).toBe(1);

    deadline.cancel();
    expect(vi.getTimerCount()).toBe(0);
    caller.abort();
    vi.advanceTimersByTime(2_000);
    expect([deadline.ended, ended.mock.calls.length]).toEqual([false, 0]);
  });
});

describe('pause and untilEnded: waits that give up with their deadline', () => {
  it('pause resolves after its time, and leaves no listener behind', async () => {
    const deadline = new Deadline(1_000);
    const waited = pause(100, deadline);
    vi.advanceTimersByTime(99);
    expect(await state(waited)).toBe('pending');
    vi.advanceTimersByTime(1);
    expect(await state(waited)).toBe('resolved');
    // Its timer is gone: the deadline's own is the only one left.
    expect(vi.getTimerCount()).toBe(1);
  });

  it('pause rejects when the deadline ends first, and its timer goes', async () => {
    const deadline = new Deadline(50);
    const waited = pause(100, deadline);
    vi.advanceTimersByTime(50);
    expect(await state(waited)).toBe('deadline ended');
    expect(vi.getTimerCount()).toBe(0);
    expect(await state(pause(10, deadline))).toBe('deadline ended');
  });

  it('untilEnded settles as its work does, or rejects when the deadline ends first', async () => {
    const deadline = new Deadline(1_000);
    expect(await state(untilEnded(Promise.resolve('done'), deadline))).toBe('resolved');
    expect(await state(untilEnded(Promise.reject(new Error('failed')), deadline))).toBe('Error: failed');
    const never = untilEnded(new Promise(() => undefined), deadline);
    expect(await state(never)).toBe('pending');
    vi.advanceTimersByTime(1_000);
    expect(await state(never)).toBe('deadline ended');
  });
});
