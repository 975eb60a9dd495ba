import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowPage, isSignDateTime, isSignTimeForm, threatSummaryPage, threatSummaryRow } from '../../src/upstreams/sign/models.js';
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

describe('SIGN pages', () => {
  /** The first problem a model names, as UpstreamHttp.parse words it: where, and what. */
  const firstIssue = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    result.success ? 'accepted' : `${result.error!.issues[0]!.path.join('.')}: ${result.error!.issues[0]!.message}`;

  it("check each row's time as the row model does: the same verdict for any text, named at the same row and field", () => {
    const time = fc.oneof(isoShapedText, fc.string({ maxLength: 30 }));
    fc.assert(
      fc.property(time, fc.nat({ max: 4 }), (text, at) => {
        const rows = Array.from({ length: 5 }, (_, index) => ({ ...row, receiveTime: index === at ? text : row.receiveTime }));
        const alone = threatSummaryRow.safeParse(rows[at]);
        const page = threatSummaryPage.OTHER.safeParse({ threatSummaries: rows, total: 5 });
        expect(firstIssue(page)).toBe(alone.success ? 'accepted' : `threatSummaries.${at}.${firstIssue(alone)}`);
      }),
      { numRuns: 3_000 },
    );
  });

  it('check every time field of a flow row, and name the first bad one', () => {
    const flow = {
      flowStartMilliseconds: '2026-11-19T09:46:36.000Z',
      flowEndMilliseconds: '2026-11-19T09:46:37.500Z',
      ipv4SrcAddr: '10.0.0.1',
      ipv4DstAddr: '192.0.2.5',
      appId: 218104303,
      protocol: 6,
      inBytes: 1200,
      inPkts: 3,
      simId: '440101234567890',
    };
    const page = (rows: object[]) => flowPage.safeParse({ flowCollectors: rows, total: rows.length });
    expect(page([flow, flow]).success).toBe(true);
    expect(firstIssue(page([flow, { ...flow, flowEndMilliseconds: 'soon' }]))).toBe('flowCollectors.1.flowEndMilliseconds: is not a date-time');
    expect(firstIssue(page([{ ...flow, flowStartMilliseconds: '2026-13-01T00:00:00.000Z' }, flow]))).toBe(
      'flowCollectors.0.flowStartMilliseconds: is not a date-time',
    );
    expect(page([flow]).data?.rows[0]).toMatchObject({ appId: '218104303', l4SrcPort: null });
  });
});
