import { describe, expect, it } from 'vitest';
import { applyPoll, detectionIdentity, feedKey, pollWindow, ticksToSkipAfterFailures, type Detection, type FeedState } from '../../src/feed/detections.js';

const T0 = Date.parse('2026-11-29T10:00:00Z');
const OVERLAP = 300_000;

function row(target: string, receivedAt: number, extra: Partial<Detection> = {}): Detection {
  return {
    kind: 'OTHER',
    tenantId: '550e8400e29b41d4a716446655440000',
    lineType: 'INT',
    simId: '440130000096015',
    detectedTarget: target,
    threatSeverity: 'high',
    threatType: 'spyware',
    receiveTime: new Date(receivedAt).toISOString(),
    recordCount: 1,
    profileStatus: null,
    simName: null,
    isLocked: null,
    ...extra,
  };
}

describe('feed keys', () => {
  it('share a feed whatever the order of severities, and split it by token digest and arguments', () => {
    const query = { tenantId: 'a'.repeat(32), kind: 'OTHER' as const, lineType: 'INT' as const };
    expect(feedKey({ ...query, severities: ['high', 'critical', 'high'] }, 'd1')).toBe(feedKey({ ...query, severities: ['critical', 'high'] }, 'd1'));
    expect(feedKey({ ...query, severities: [] }, 'd1')).toBe(feedKey(query, 'd1'));
    expect(feedKey(query, 'd1')).not.toBe(feedKey(query, 'd2'));
    expect(feedKey(query, 'd1')).not.toBe(feedKey({ ...query, simIdContains: '4401' }, 'd1'));
    expect(feedKey(query, 'd1')).not.toBe(feedKey({ ...query, kind: 'IP' }, 'd1'));
  });
});

describe('poll windows', () => {
  it('reads one overlap back on the first poll, then from the last end less the overlap, to the whole second', () => {
    expect(pollWindow(null, T0 + 1_500, OVERLAP)).toEqual({ from: T0 + 1_000 - OVERLAP, to: T0 + 1_000 });
    expect(pollWindow({ watermark: T0, seen: {} }, T0 + 30_000, OVERLAP)).toEqual({ from: T0 - OVERLAP, to: T0 + 30_000 });
  });

  it('does not move while polls fail: the state keeps the last successful end', () => {
    const state: FeedState = { watermark: T0, seen: {} };
    expect(pollWindow(state, T0 + 3_600_000, OVERLAP).from).toBe(T0 - OVERLAP);
  });
});

describe('applying a poll', () => {
  it('delivers nothing on the first poll and remembers what was there', () => {
    const rows = [row('a.example', T0 - 10_000)];
    const { fresh, next } = applyPoll(null, rows, { from: T0 - OVERLAP, to: T0 }, OVERLAP);
    expect(fresh).toEqual([]);
    expect(Object.keys(next.seen)).toEqual([detectionIdentity(rows[0]!)]);
    expect(next.watermark).toBe(T0);
  });

  it('delivers each new row once, oldest first, late rows included, and forgets rows older than the next window', () => {
    const old = row('old.example', T0 - 200_000);
    const first = applyPoll(null, [old], { from: T0 - OVERLAP, to: T0 }, OVERLAP);
    const later = row('b.example', T0 + 20_000);
    const late = row('late.example', T0 - 60_000);
    const second = applyPoll(first.next, [later, old, late], { from: T0 - OVERLAP, to: T0 + 30_000 }, OVERLAP);
    expect(second.fresh.map((r) => r.detectedTarget)).toEqual(['late.example', 'b.example']);
    const third = applyPoll(second.next, [later, old, late], { from: T0 + 30_000 - OVERLAP, to: T0 + 60_000 }, OVERLAP);
    expect(third.fresh).toEqual([]);
    // The next window starts at T0 - 240 s: old.example (T0 - 200 s) can still come back, so it is kept.
    expect(Object.keys(third.next.seen)).toContain(detectionIdentity(old));
    const fourth = applyPoll(third.next, [], { from: T0 + 60_000 - OVERLAP, to: T0 + 200_000 }, OVERLAP);
    expect(Object.keys(fourth.next.seen)).not.toContain(detectionIdentity(old));
    expect(Object.keys(fourth.next.seen)).toContain(detectionIdentity(later));
  });

  it('treats a summary whose group got a newer detection as new, and a changed count alone as not', () => {
    const before = row('a.example', T0 - 10_000, { recordCount: 2 });
    const state = applyPoll(null, [before], { from: T0 - OVERLAP, to: T0 }, OVERLAP).next;
    expect(applyPoll(state, [{ ...before, recordCount: 1 }], { from: T0 - OVERLAP, to: T0 + 1_000 }, OVERLAP).fresh).toEqual([]);
    const newer = { ...before, receiveTime: new Date(T0 + 500).toISOString(), recordCount: 3 };
    expect(applyPoll(state, [newer], { from: T0 - OVERLAP, to: T0 + 1_000 }, OVERLAP).fresh).toEqual([newer]);
  });

  it('orders rows received in the same second the same way on every instance', () => {
    const state = applyPoll(null, [], { from: T0 - OVERLAP, to: T0 }, OVERLAP).next;
    const a = row('a.example', T0 + 1_000);
    const b = row('b.example', T0 + 1_000);
    expect(applyPoll(state, [b, a], { from: T0 - OVERLAP, to: T0 + 2_000 }, OVERLAP).fresh).toEqual(
      applyPoll(state, [a, b], { from: T0 - OVERLAP, to: T0 + 2_000 }, OVERLAP).fresh,
    );
  });
});

describe('back-off', () => {
  it('skips 1, 3, 7 ticks after consecutive failures, no more than 7', () => {
    expect([0, 1, 2, 3, 4, 10].map((failures) => ticksToSkipAfterFailures(failures))).toEqual([0, 1, 3, 7, 7, 7]);
  });
});
