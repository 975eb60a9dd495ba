import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { parseDateTime, serializeDateTime } from '../../src/schema/scalars.js';

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

describe('DateTime arguments', () => {
  const refused = (value: string) => {
    let thrown: unknown;
    try {
      parseDateTime(value);
    } catch (error) {
      thrown = error;
    }
    return thrown instanceof GraphQLError && thrown.extensions.code === 'BAD_USER_INPUT';
  };

  it("reads the instant V8's own parser reads, in any zone and precision, or refuses outside 1970-9999 UTC", () => {
    const two = (min: number, max: number) => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
    const zone = fc.oneof(
      fc.constantFrom('Z', 'z'),
      fc.tuple(fc.constantFrom('+', '-'), two(0, 23), two(0, 59)).map(([sign, hours, minutes]) => `${sign}${hours}:${minutes}`),
    );
    const fraction = fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }).map((digits) => (digits === undefined ? '' : `.${digits}`));
    const rfc3339 = fc
      .tuple(fc.integer({ min: 1000, max: 9999 }), two(1, 12), two(1, 28), fc.constantFrom('T', 't'), two(0, 23), two(0, 59), two(0, 59), fraction, zone)
      .map(([year, month, day, t, hour, minute, second, digits, offset]) => `${year}-${month}-${day}${t}${hour}:${minute}:${second}${digits}${offset}`);
    const edgeYears = rfc3339.map((value) => (value.startsWith('1') ? `1969${value.slice(4)}` : `9999-12-31${value.slice(10)}`));
    fc.assert(
      fc.property(fc.oneof(rfc3339, edgeYears), (value) => {
        const expected = Date.parse(value);
        const inRange = expected >= Date.UTC(1970, 0, 1) && expected < Date.UTC(10_000, 0, 1);
        if (inRange) expect(parseDateTime(value).getTime()).toBe(expected);
        else expect(refused(value)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses the instants just outside its years, impossible days, and years before 1000', () => {
    expect(parseDateTime('1970-01-01T00:00:00Z').getTime()).toBe(0);
    expect(parseDateTime('1970-01-01T09:00:00+09:00').getTime()).toBe(0);
    expect(parseDateTime('9999-12-31T23:59:59.999999Z').toISOString()).toBe('9999-12-31T23:59:59.999Z');
    for (const value of [
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T08:59:59+09:00',
      '9999-12-31T23:59:59-00:01',
      '0050-01-01T00:00:00Z',
      '0999-12-31T23:59:59-23:59',
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-11-01T24:00:00Z',
      '2026-11-01T09:00:60Z',
      '2026-11-01T09:00:00',
      '2026-11-01T09:00:00+24:00',
    ]) {
      expect(refused(value), value).toBe(true);
    }
  });
});
