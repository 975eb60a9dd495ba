/** The four threat endpoints: summaries and details, for "other" (domain) and IP threats. */
import { IP_SEVERITIES, LINE_TYPES, OTHER_SEVERITIES, type LineType } from './catalog.js';
import type { RouteContext, RouteHandler } from './context.js';
import type { TenantData, ThreatRecord } from './data.js';
import { SIGN_ERROR, SignFailure } from './errors.js';
import { DEFAULT_PAGE, DEFAULT_PAGE_SIZE, PAGE_RANGE, PAGE_SIZE_RANGE, pagedBody, type PageRequest } from './paging.js';
import { summarizeThreats, type ThreatSummary } from './summaries.js';
import { QueryReader } from './validation.js';

interface ThreatKind {
  key: 'OTHER' | 'IP';
  summaryListKey: string;
  detailListKey: string;
  severities: readonly string[];
  rows(data: TenantData): readonly ThreatRecord[];
}

export const OTHER_THREATS: ThreatKind = {
  key: 'OTHER',
  summaryListKey: 'threatSummaries',
  detailListKey: 'threats',
  severities: OTHER_SEVERITIES,
  rows: (data) => data.otherThreats,
};

export const IP_THREATS: ThreatKind = {
  key: 'IP',
  summaryListKey: 'trafficSummaries',
  detailListKey: 'traffics',
  severities: IP_SEVERITIES,
  rows: (data) => data.ipThreats,
};

interface ThreatWindow extends PageRequest {
  lineType: LineType;
  from: number;
  to: number;
}

/** The parameters every threat endpoint shares: from, to, lineType and paging. */
function readThreatWindow(reader: QueryReader): ThreatWindow {
  const from = reader.requiredDateTime('from');
  const to = reader.requiredDateTime('to');
  if (reader.valid('from', 'to') && from > to) {
    reader.fail('from', SIGN_ERROR.fromAfterTo, `Query parameter 'from' must not be after 'to'.`);
  }
  return {
    from,
    to,
    lineType: reader.requiredOneOf('lineType', LINE_TYPES),
    page: reader.integer('page', PAGE_RANGE, DEFAULT_PAGE),
    pageSize: reader.integer('pageSize', PAGE_SIZE_RANGE, DEFAULT_PAGE_SIZE),
  };
}

/** Generated rows and those arrived since, newest first, ties by id. */
function threatRows(kind: ThreatKind, { tenant, arrivals }: RouteContext, data: TenantData): readonly ThreatRecord[] {
  const arrived = arrivals.records(tenant.tenantId, kind.key, data);
  if (arrived.length === 0) return kind.rows(data);
  return [...kind.rows(data), ...arrived].sort((a, b) => b.receivedAt - a.receivedAt || a.id - b.id);
}

function inWindow(record: ThreatRecord, window: ThreatWindow): boolean {
  return record.sim.lineType === window.lineType && record.receivedAt >= window.from && record.receivedAt <= window.to;
}

/** Summaries asked for recently, by tenant and question: the data never changes, and a large tenant's take a while to compute. */
const SUMMARY_MEMO_SIZE = 32;

export function threatSummaries(kind: ThreatKind): RouteHandler {
  const memo = new Map<string, ThreatSummary[]>();
  return (context: RouteContext) => {
    const { request, tenant } = context;
    const reader = new QueryReader(request.query);
    const window = readThreatWindow(reader);
    const simIdPart = reader.optionalString('simId');
    const severities = reader.listOf('threatSeverity', kind.severities);
    reader.done();
    const rows = threatRows(kind, context, tenant.data());
    // Rows only ever arrive, never leave: their count tells a memoised answer from a stale one.
    const key = JSON.stringify([tenant.tenantId, rows.length, window.lineType, window.from, window.to, simIdPart, severities]);
    let summaries = memo.get(key);
    if (summaries === undefined) {
      const details = rows.filter(
        (record) =>
          inWindow(record, window) &&
          (simIdPart === undefined || record.sim.simId.includes(simIdPart)) &&
          (severities.length === 0 || severities.includes(record.detail.threatSeverity)),
      );
      summaries = summarizeThreats(details);
      if (memo.size >= SUMMARY_MEMO_SIZE) memo.delete(memo.keys().next().value!);
      memo.set(key, summaries);
    }
    return { status: 200, body: pagedBody(kind.summaryListKey, summaries, window) };
  };
}

export function threatDetails(kind: ThreatKind): RouteHandler {
  return (context: RouteContext) => {
    const { request, tenant } = context;
    const reader = new QueryReader(request.query);
    const window = readThreatWindow(reader);
    const simId = reader.requiredString('simId');
    reader.done();
    const data = tenant.data();
    if (!data.sims.some((sim) => sim.simId === simId && sim.lineType === window.lineType)) {
      throw SignFailure.of(404, SIGN_ERROR.unknownSim, `SIM '${simId}' with lineType '${window.lineType}' was not found in this tenant.`);
    }
    const details = threatRows(kind, context, data).filter((record) => record.sim.simId === simId && inWindow(record, window));
    return {
      status: 200,
      body: pagedBody(
        kind.detailListKey,
        details.map((record) => record.detail),
        window,
      ),
    };
  };
}
