import { afterEach, describe, expect, it, vi } from 'vitest';
import { Circuit, type CircuitStateName } from '../../src/upstreams/circuit.js';

/**
 * One upstream's circuit, on its own: counted outcomes in, admissions out. Its clock is Date,
 * set by the test; no request is sent (the UpstreamHttp tests drive it over loopback).
 */

const settled = async (value: unknown): Promise<'pending' | 'resolved'> => {
  let state: 'pending' | 'resolved' = 'pending';
  void Promise.resolve(value).then(() => (state = 'resolved'));
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

function circuit(failures = 2, halfOpenMs = 1_000): { circuit: Circuit; changes: CircuitStateName[] } {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-30T00:00:00Z'));
  const changes: CircuitStateName[] = [];
  return { circuit: new Circuit({ failures, halfOpenMs }, (state) => changes.push(state)), changes };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Circuit', () => {
  it('opens after consecutive failures only: a success in between starts the count again, and not-counted outcomes leave it', () => {
    const { circuit: breaker, changes } = circuit(2);
    breaker.record('call', 'failure');
    breaker.record('call', 'success');
    breaker.record('call', 'failure');
    breaker.record('call', 'not-counted');
    expect(breaker.admit()).toBe('call');
    breaker.record('call', 'failure');
    expect(breaker.state).toBe('open');
    expect(breaker.admit()).toBe('refused');
    expect(changes).toEqual(['open']);
  });

  it('lets one trial through once half-open time has passed, and holds the others until it ends', async () => {
    const { circuit: breaker, changes } = circuit(1, 1_000);
    breaker.record('call', 'failure');
    vi.setSystemTime(new Date('2026-11-30T00:00:00.999Z'));
    expect(breaker.admit()).toBe('refused');
    vi.setSystemTime(new Date('2026-11-30T00:00:01.000Z'));
    expect(breaker.admit()).toBe('trial');
    const held = breaker.admit();
    expect(typeof held).not.toBe('string');
    expect(await settled(held)).toBe('pending');
    breaker.record('trial', 'success');
    expect(await settled(held)).toBe('resolved');
    expect(breaker.admit()).toBe('call');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('opens again when the trial fails, for another half-open time', () => {
    const { circuit: breaker, changes } = circuit(1, 1_000);
    breaker.record('call', 'failure');
    vi.setSystemTime(new Date('2026-11-30T00:00:05Z'));
    expect(breaker.admit()).toBe('trial');
    breaker.record('trial', 'failure');
    expect(breaker.admit()).toBe('refused');
    vi.setSystemTime(new Date('2026-11-30T00:00:06Z'));
    expect(breaker.admit()).toBe('trial');
    expect(changes).toEqual(['open', 'half-open', 'open', 'half-open']);
  });

  it('makes the next request the trial when the trial said nothing of the upstream (the gateway held it back)', async () => {
    const { circuit: breaker } = circuit(1, 1_000);
    breaker.record('call', 'failure');
    vi.setSystemTime(new Date('2026-11-30T00:00:01Z'));
    expect(breaker.admit()).toBe('trial');
    const held = breaker.admit();
    breaker.record('trial', 'not-counted');
    expect(await settled(held)).toBe('resolved');
    expect(breaker.state).toBe('half-open');
    expect(breaker.admit()).toBe('trial');
    expect(typeof breaker.admit()).not.toBe('string');
  });

  it('does not count a call that ends after the circuit opened: only the trial decides', () => {
    const { circuit: breaker } = circuit(1, 1_000);
    breaker.record('call', 'failure');
    breaker.record('call', 'success');
    expect(breaker.state).toBe('open');
    vi.setSystemTime(new Date('2026-11-30T00:00:01Z'));
    expect(breaker.admit()).toBe('trial');
    breaker.record('call', 'success');
    expect(breaker.state).toBe('half-open');
  });
});
