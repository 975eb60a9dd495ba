import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSignDateTime, isSignTimeForm, threatSummaryRow } from '../../src/upstreams/sign/models.js';
import { isoShapedText } from '../support/iso-text.js';

/** A threat-summary row as SIGN sends it, with only the required fields. */
const row = {
  receiveTime: '2026-11-19T09:46:36.000Z',
  recordCount: 1,
  simId: '440101234567890',
  detectedTarget: 'a.example',
  threatSeverity: 'high',
  threatType: 'phishing',
};

describe('SIGN date-times', () => {
  it("accept without parsing only strings Date.parse accepts: SIGN's toISOString form, months 01-12, days 01-31", () => {
    fc.assert(
      fc.property(isoShapedText, (text) => !isSignTimeForm(text) || !Number.isNaN(Date.parse(text))),
      { numRuns: 20_000 },
    );
  });

  it('judge every other string as Date.parse does', () => {
    expect(isSignDateTime('2026-11-19T09:46:36.000Z')).toBe(true);
    expect(isSignDateTime('2026-02-30T00:00:00.000Z')).toBe(true);
    expect(isSignDateTime('2026-11-19T09:46:36Z')).toBe(true);
    expect(isSignDateTime('2026-11-19 09:46:36')).toBe(!Number.isNaN(Date.parse('2026-11-19 09:46:36')));
    for (const text of ['2026-13-01T00:00:00.000Z', '2026-01-01T23:60:00.000Z', 'yesterday', '']) expect(isSignDateTime(text)).toBe(false);
  });

  it('read an absent or null optional field as null, and keep a given one', () => {
    expect(threatSummaryRow.parse(row)).toMatchObject({ simName: null, profileStatus: null, isLocked: null });
    expect(threatSummaryRow.parse({ ...row, simName: null, profileStatus: undefined, isLocked: null })).toMatchObject({
      simName: null,
      profileStatus: null,
      isLocked: null,
    });
    expect(threatSummaryRow.parse({ ...row, simName: 'Osaka', isLocked: false })).toMatchObject({ simName: 'Osaka', isLocked: false });
    expect(threatSummaryRow.safeParse({ ...row, simName: 42 }).success).toBe(false);
  });

  it('refuse a row whose time is not one', () => {
    expect(threatSummaryRow.safeParse(row).success).toBe(true);
    expect(threatSummaryRow.safeParse({ ...row, receiveTime: '2026-13-19T09:46:36.000Z' }).success).toBe(false);
  });
});
