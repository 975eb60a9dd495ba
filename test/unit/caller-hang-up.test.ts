import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CallerHangUp } from '../../src/upstreams/operation-scope.js';

describe('CallerHangUp', () => {
  it('tells every call waiting once, through one listener on the request’s signal however many wait', () => {
    const request = new AbortController();
    const hangUp = new CallerHangUp(request.signal);
    const told: number[] = [];
    const stops = Array.from({ length: 50 }, (_, call) => hangUp.whenHungUp(() => told.push(call)));
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(1);

    stops[7]!(); // a call that ended before the hang-up is not told
    expect(hangUp.happened).toBe(false);
    request.abort();
    expect(hangUp.happened).toBe(true);
    expect(told).toEqual(Array.from({ length: 50 }, (_, call) => call).filter((call) => call !== 7));
    request.signal.dispatchEvent(new Event('abort'));
    expect(told).toHaveLength(49);
  });

  it('adds no listener to a request whose operations call nothing, and keeps one across its operations', () => {
    const request = new AbortController();
    const hangUp = new CallerHangUp(request.signal);
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
    // A subscription's bursts: one operation after another on one request.
    for (let burst = 0; burst < 20; burst++) hangUp.whenHungUp(() => {})();
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(1);
  });
});
