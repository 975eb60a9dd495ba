import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeDateTime } from '../../src/schema/scalars.js';

/** What DateTime answered before the pass-through: every value through Date, to the millisecond, in UTC. */
const throughDate = (value: string | number | Date) => new Date(value).toISOString();

describe('DateTime serialisation', () => {
  it('answers as Date would for days Date rolls over, other zones and other precisions', () => {
    for (const value of [
      '2026-11-01T09:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
      '2021-02-29T00:00:00.000Z',
      '2021-02-30T00:00:00.000Z',
      '2021-04-31T12:00:00.000Z',
      '2021-01-01T23:59:59.000Z',
      '2026-11-01T18:00:00+09:00',
      '2026-11-01T09:00:00Z',
      '2026-11-01T09:00:00.5Z',
      '2026-11-01t09:00:00.000z',
    ]) {
      expect(serializeDateTime(value), value).toBe(throughDate(value));
    }
    // A rolled-over day is rewritten, not passed on as the upstream wrote it.
    expect(serializeDateTime('2021-02-30T00:00:00.000Z')).toBe('2021-03-02T00:00:00.000Z');
    expect(serializeDateTime(new Date(Date.UTC(2026, 10, 1, 9)))).toBe('2026-11-01T09:00:00.000Z');
  });

  it('answers exactly what Date answers for any string of the canonical shape', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const shaped = fc
      .tuple(fc.integer({ min: 1970, max: 9999 }), two(13), two(32), two(24), two(60), two(60), fc.integer({ min: 0, max: 999 }))
      .map(([year, month, day, hour, minute, second, ms]) => `${year}-${month}-${day}T${hour}:${minute}:${second}.${String(ms).padStart(3, '0')}Z`);
    fc.assert(
      fc.property(shaped, (value) => {
        const valid = !Number.isNaN(Date.parse(value));
        if (valid) expect(serializeDateTime(value)).toBe(throughDate(value));
        else expect(() => serializeDateTime(value)).toThrow(RangeError);
      }),
      { numRuns: 5_000 },
    );
  });

  it('passes every instant Date writes through unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (millis) => {
        const written = new Date(millis).toISOString();
        expect(serializeDateTime(written)).toBe(written);
      }),
      { numRuns: 5_000 },
    );
  });
});
