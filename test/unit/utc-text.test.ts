import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatUtcSeconds, isoUtcMillis, isoUtcMillisDay } from '../../src/utc-text.js';
import { isoShapedText } from '../support/iso-text.js';

/** The form as a regular expression, written independently of the scanner: the oracle it must agree with. */
const TO_ISO_STRING_FORM = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const oracle = (text: string) => {
  const match = TO_ISO_STRING_FORM.exec(text);
  return match === null ? -1 : Number(`${match[1]}${match[2]}${match[3]}`);
};

/** The same text with one character replaced: a separator, a digit turned into a letter or a sign. */
const mutated = fc
  .tuple(isoShapedText, fc.nat({ max: 23 }), fc.constantFrom('-', ':', '.', 'T', 'Z', 'x', ' ', '/', '+', '٣', '0'))
  .map(([text, at, character]) => `${text.slice(0, at)}${character}${text.slice(at + 1)}`);

describe("toISOString's form, read by character", () => {
  it('agrees with the regular expression on that shape, on one character changed, and on any text', () => {
    fc.assert(
      fc.property(fc.oneof(isoShapedText, mutated, fc.string({ maxLength: 30 })), (text) => isoUtcMillisDay(text) === oracle(text)),
      { numRuns: 30_000 },
    );
  });

  it('answers the day as YYYYMMDD, and -1 for other forms of the same instant', () => {
    expect(isoUtcMillisDay('2026-11-19T09:46:36.000Z')).toBe(20261119);
    expect(isoUtcMillisDay('2026-02-30T23:59:59.999Z')).toBe(20260230);
    for (const text of ['2026-11-19T09:46:36Z', '2026-11-19T09:46:36.000+00:00', '2026-11-19T09:46:36.0000Z', '2026-11-19t09:46:36.000Z']) {
      expect(isoUtcMillisDay(text)).toBe(-1);
    }
  });
});

describe('formatUtcSeconds', () => {
  it("writes toISOString's text without its milliseconds, for any instant Date can hold", () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        const written = formatUtcSeconds(date);
        expect(written).toBe(`${iso.slice(0, iso.lastIndexOf('.'))}Z`);
        expect(written).toMatch(/^([+-]\d{6}|\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      }),
      { numRuns: 5_000 },
    );
    expect(formatUtcSeconds(new Date('2026-11-19T09:46:36.999Z'))).toBe('2026-11-19T09:46:36Z');
  });
});

describe('isoUtcMillis', () => {
  /** The last instant with a four-digit year, where the arithmetic hands over to toISOString. */
  const LAST_FOUR_DIGIT_YEAR = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

  it('writes what toISOString writes, for every instant of 1970 to 9999 and any other Date can hold', () => {
    const instant = fc.oneof(fc.integer({ min: 0, max: LAST_FOUR_DIGIT_YEAR }), fc.integer({ min: -8.64e15, max: 8.64e15 }));
    fc.assert(
      fc.property(instant, (time) => isoUtcMillis(time) === new Date(time).toISOString()),
      { numRuns: 50_000 },
    );
  });

  it('turns the calendar where toISOString does: leap days, centuries, the ends of its range', () => {
    const edges = [
      '1970-01-01T00:00:00.000Z',
      '1972-02-29T23:59:59.999Z',
      '1999-12-31T23:59:59.999Z',
      '2000-02-29T12:00:00.000Z',
      '2000-03-01T00:00:00.000Z',
      '2100-02-28T23:59:59.999Z',
      '2100-03-01T00:00:00.000Z',
      '2400-02-29T00:00:00.001Z',
      '9999-12-31T23:59:59.999Z',
    ];
    for (const iso of edges) expect(isoUtcMillis(Date.parse(iso))).toBe(iso);
    expect(isoUtcMillis(LAST_FOUR_DIGIT_YEAR + 1)).toBe('+010000-01-01T00:00:00.000Z');
    expect(isoUtcMillis(-1)).toBe('1969-12-31T23:59:59.999Z');
    expect(() => isoUtcMillis(Number.NaN)).toThrow(RangeError);
  });
});
