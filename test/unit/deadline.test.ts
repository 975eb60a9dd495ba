import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadline } from '../../src/upstreams/deadline.js';
import { CallerHangUp } from '../../src/upstreams/operation-scope.js';

/** An upstream request's time budget: the attempt in flight and every wait end with it, told why. */

describe('Deadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends when its time is up: the attempt in flight is told, a signal made before or after is aborted', () => {
    const deadline = new Deadline(1_000);
    const before = deadline.signal;
    const ended = vi.fn();
    deadline.whileRunning(ended);

    vi.advanceTimersByTime(999);
    expect([deadline.ended, ended.mock.calls.length, before.aborted]).toEqual([false, 0, false]);
    vi.advanceTimersByTime(1);
    expect([deadline.ended, deadline.callerLeft(), ended.mock.calls.length, before.aborted]).toEqual([true, false, 1, true]);
    expect(deadline.signal.aborted).toBe(true);
  });

  it('ends when the caller hangs up, and says so; the time running out later changes nothing', () => {
    const request = new AbortController();
    const deadline = new Deadline(1_000, new CallerHangUp(request.signal));
    const ended = vi.fn();
    deadline.whileRunning(ended);

    request.abort();
    expect([deadline.ended, deadline.callerLeft(), ended.mock.calls.length]).toEqual([true, true, 1]);
    vi.advanceTimersByTime(1_000);
    expect([deadline.callerLeft(), ended.mock.calls.length]).toEqual([true, 1]);
  });

  it('tells an attempt only while it runs, and at once one that starts after the end', () => {
    const deadline = new Deadline(1_000);
    const finished = vi.fn();
    deadline.whileRunning(finished)();
    const running = vi.fn();
    deadline.whileRunning(running);
    vi.advanceTimersByTime(1_000);
    expect([finished.mock.calls.length, running.mock.calls.length]).toEqual([0, 1]);

    const late = vi.fn();
    deadline.whileRunning(late);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('once cancelled, keeps no timer, is not told of the caller hanging up, and never ends', () => {
    const request = new AbortController();
    const deadline = new Deadline(1_000, new CallerHangUp(request.signal));
    const ended = vi.fn();
    deadline.whileRunning(ended);
    expect(vi.getTimerCount()).toBe(1);

    deadline.cancel();
    expect(vi.getTimerCount()).toBe(0);
    request.abort();
    vi.advanceTimersByTime(2_000);
    expect([deadline.ended, ended.mock.calls.length]).toEqual([false, 0]);
  });

  it('builds no AbortSignal unless a wait asks for one', () => {
    const built = vi.spyOn(globalThis, 'AbortController');
    const deadline = new Deadline(1_000);
    deadline.whileRunning(() => undefined)();
    deadline.cancel();
    expect(built).not.toHaveBeenCalled();
    void new Deadline(1_000).signal;
    expect(built).toHaveBeenCalledTimes(1);
    built.mockRestore();
  });
});
