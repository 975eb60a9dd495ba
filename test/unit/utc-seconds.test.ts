import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoUtcMillisDay } from '../../src/upstreams/utc-seconds.js';

/** The form as a regular expression, written independently of the scanner: the oracle it must agree with. */
const TO_ISO_STRING_FORM = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const oracle = (text: string) => {
  const match = TO_ISO_STRING_FORM.exec(text);
  return match === null ? -1 : Number(`${match[1]}${match[2]}${match[3]}`);
};

const pad = (value: number, width: number) => String(value).padStart(width, '0');
/** toISOString's shape with every field over its whole width, so the edges (month 13, day 00, hour 24, second 60) come up. */
const shaped = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([y, mo, d, h, mi, s, ms]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`);
/** The same text with one character replaced: a separator, a digit turned into a letter or a sign. */
const mutated = fc
  .tuple(shaped, fc.nat({ max: 23 }), fc.constantFrom('-', ':', '.', 'T', 'Z', 'x', ' ', '/', '+', '٣', '0'))
  .map(([text, at, character]) => `${text.slice(0, at)}${character}${text.slice(at + 1)}`);

describe("toISOString's form, read by character", () => {
  it('agrees with the regular expression on that shape, on one character changed, and on any text', () => {
    fc.assert(
      fc.property(fc.oneof(shaped, mutated, fc.string({ maxLength: 30 })), (text) => isoUtcMillisDay(text) === oracle(text)),
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
