import { afterEach } from 'vitest';
import { Deadline } from '../../src/upstreams/deadline.js';
import { CallerHangUp } from '../../src/upstreams/operation-scope.js';

/**
 * Upstream deadlines for the tests of one file: far away (60 s), so none ends by the clock; a test
 * ends one by hanging up its caller (`caller.abort()`). Each is cancelled after its test, so no
 * timer outlives it.
 */
export function useDeadlines(): (caller?: AbortController) => Deadline {
  const made: Deadline[] = [];
  afterEach(() => {
    for (const deadline of made.splice(0)) deadline.cancel();
  });
  return (caller = new AbortController()) => {
    const deadline = new Deadline(60_000, new CallerHangUp(caller.signal));
    made.push(deadline);
    return deadline;
  };
}
