import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdmissionGate, type LoadMeter } from '../../src/admission-gate.js';

/** A load meter that answers what the test sets: how busy the main thread was, and the collector's share. */
function scriptedLoad() {
  const meter = {
    busy: 0,
    collecting: 0,
    reads: 0,
    closed: false,
    read() {
      meter.reads += 1;
      return { busy: meter.busy, collecting: meter.collecting };
    },
    close() {
      meter.closed = true;
    },
  };
  return meter satisfies LoadMeter;
}

/** A request at the gate: whether it was started, and its end (the response's close) to call. */
function request(gate: AdmissionGate) {
  const entry = { started: false, end: () => {} };
  gate.enter(
    () => {
      entry.started = true;
    },
    (ended) => {
      entry.end = ended;
    },
  );
  return entry;
}

const gates: AdmissionGate[] = [];
/** A gate whose timer never fires by itself: each test adjusts it by hand. */
function gateWith(floor: number, load = scriptedLoad()) {
  const gate = new AdmissionGate({ floor, load, intervalMs: 1_000_000_000 });
  gates.push(gate);
  return { gate, load };
}
afterEach(() => {
  for (const gate of gates.splice(0)) gate.close();
  vi.useRealTimers();
});

describe('AdmissionGate', () => {
  it('starts `floor` requests at once; the others wait and start in arrival order as places free', () => {
    const { gate } = gateWith(2);
    const [a, b, c, d] = [request(gate), request(gate), request(gate), request(gate)];
    expect([a.started, b.started, c.started, d.started]).toEqual([true, true, false, false]);
    expect(gate.state).toEqual({ limit: 2, inFlight: 2, waiting: 2 });
    b.end();
    expect([c.started, d.started]).toEqual([true, false]);
    a.end();
    expect(d.started).toBe(true);
    expect(gate.state).toEqual({ limit: 2, inFlight: 2, waiting: 0 });
  });

  it('never starts a request whose caller hung up while it waited, and keeps the line moving past it', () => {
    const { gate } = gateWith(1);
    const first = request(gate);
    const gone = request(gate);
    const next = request(gate);
    gone.end();
    expect(gate.state.waiting).toBe(1);
    first.end();
    expect(gone.started).toBe(false);
    expect(next.started).toBe(true);
    expect(gate.state).toEqual({ limit: 1, inFlight: 1, waiting: 0 });
    next.end();
    expect(gate.state.inFlight).toBe(0);
  });

  it('grows while requests wait and the CPU has room: doubling when mostly idle, by a quarter when busier', () => {
    const { gate, load } = gateWith(4);
    const requests = Array.from({ length: 20 }, () => request(gate));
    expect(requests.filter((entry) => entry.started)).toHaveLength(4);
    load.busy = 0.3;
    gate.adjust();
    expect(gate.state.limit).toBe(8);
    expect(requests.filter((entry) => entry.started)).toHaveLength(8);
    load.busy = 0.7;
    gate.adjust();
    expect(gate.state.limit).toBe(10);
    expect(requests.filter((entry) => entry.started)).toHaveLength(10);
  });

  it('does not grow when nobody waited, however idle the process', () => {
    const { gate, load } = gateWith(4);
    request(gate);
    load.busy = 0.1;
    gate.adjust();
    expect(gate.state.limit).toBe(4);
  });

  it('tightens to three quarters of the most in flight while the collector holds a saturated CPU, never below the floor', () => {
    const { gate, load } = gateWith(2);
    load.busy = 0.2;
    for (let index = 0; index < 40; index++) request(gate);
    for (let step = 0; step < 5; step++) gate.adjust();
    expect(gate.state.limit).toBe(64);
    expect(gate.state.inFlight).toBe(40);
    load.busy = 0.99;
    load.collecting = 0.25;
    gate.adjust();
    // Three quarters of the 40 in flight, not of the bound of 64 nobody used.
    expect(gate.state.limit).toBe(30);
    for (let step = 0; step < 20; step++) gate.adjust();
    expect(gate.state.limit).toBe(2);
    // Those already started run to their end: a lower bound only holds back who comes next.
    expect(gate.state.inFlight).toBe(40);
  });

  it('holds a saturated bound while the collector is moderate, and grows it by one while the collector is light', () => {
    const { gate, load } = gateWith(4);
    for (let index = 0; index < 10; index++) request(gate);
    load.busy = 0.99;
    load.collecting = 0.1;
    gate.adjust();
    expect(gate.state.limit).toBe(4);
    load.collecting = 0.02;
    gate.adjust();
    expect(gate.state.limit).toBe(5);
    expect(gate.state).toMatchObject({ inFlight: 5, waiting: 5 });
  });

  it('adjusts on its own timer, and stops reading the load when closed', () => {
    vi.useFakeTimers();
    const load = scriptedLoad();
    const gate = new AdmissionGate({ floor: 1, load, intervalMs: 100 });
    request(gate);
    request(gate);
    load.busy = 0.1;
    vi.advanceTimersByTime(100);
    expect(load.reads).toBe(1);
    expect(gate.state).toMatchObject({ limit: 2, inFlight: 2, waiting: 0 });
    gate.close();
    expect(load.closed).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(load.reads).toBe(1);
  });
});
