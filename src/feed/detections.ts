import { z } from 'zod';
import { SIGN_LINE_TYPES, THREAT_KINDS, threatSummaryRow, type SignLineType, type SignSeverity, type ThreatKind } from '../upstreams/sign/models.js';

/**
 * The pure part of the threat feed: which rows of a poll are new, in which order, and what the
 * feed must remember so that the next poll, on this instance or another, neither repeats a row
 * nor loses one.
 */

/** What a feed watches: the arguments of `Tenant.threatSummaries` without the time window. */
export interface FeedQuery {
  tenantId: string;
  kind: ThreatKind;
  lineType: SignLineType;
  /** Absent or empty: every severity. */
  severities?: readonly SignSeverity[];
  simIdContains?: string;
}

/**
 * One detection as the feed delivers it: a SIGN summary row and the query it answered. A model,
 * because instances pass bursts to each other through Redis, as JSON.
 */
export const detection = threatSummaryRow.extend({ kind: z.enum(THREAT_KINDS), tenantId: z.string(), lineType: z.enum(SIGN_LINE_TYPES) });
export type Detection = z.output<typeof detection>;

/** What a feed keeps between polls (in memory, or in Redis for every instance, read back through this model). */
export const feedState = z.object({
  /** The `to` of the last successful poll (epoch ms); the next poll reads from `watermark - overlap`. */
  watermark: z.number(),
  /** Identities of rows already delivered, with their receive time, for rows the next window can still return. */
  seen: z.record(z.string(), z.number()),
});
export type FeedState = z.output<typeof feedState>;

/**
 * One string per feed: subscribers with the same key share one poller. Severities are sorted and
 * de-duplicated so that argument order does not split a feed; the SIGN token is part of the key
 * (as a digest, never the token) because what SIGN shows depends on it.
 */
export function feedKey(query: FeedQuery, tokenDigest: string): string {
  const severities = [...new Set(query.severities ?? [])].sort();
  return [query.tenantId, query.kind, query.lineType, severities.join(','), query.simIdContains ?? '', tokenDigest].join('|');
}

/**
 * A row's stable identity: SIGN gives summaries no id, and its summary of one SIM, target,
 * severity and type on one day takes the receive time of the group's newest detection. A newer
 * detection of the group therefore makes a new identity (delivered again, with its new count);
 * recordCount is left out because it depends on where the poll window cuts the day.
 */
export function detectionIdentity(row: Detection): string {
  return JSON.stringify([row.kind, row.simId, row.detectedTarget, row.threatSeverity, row.threatType, Date.parse(row.receiveTime)]);
}

/**
 * The window a poll reads: from the last successful poll's end less the overlap (rows become
 * visible in SIGN after they are received, so a late one has an older receive time), to `now`.
 * The first poll reads one overlap back and only learns what is there.
 */
export function pollWindow(state: FeedState | null, now: number, overlapMs: number): { from: number; to: number } {
  const to = Math.floor(now / 1000) * 1000;
  const from = (state === null ? to : Math.min(state.watermark, to)) - overlapMs;
  return { from, to };
}

/**
 * Applies one poll's rows to the state: the new rows in receive-time order (identity breaks
 * ties, so every instance orders alike), and the state to keep. On the first poll nothing is new:
 * the feed starts from what is there. Identities older than the next window are forgotten.
 */
export function applyPoll(
  state: FeedState | null,
  rows: readonly Detection[],
  window: { from: number; to: number },
  overlapMs: number,
): { fresh: Detection[]; next: FeedState } {
  const seen = new Map(Object.entries(state?.seen ?? {}));
  const fresh: { row: Detection; identity: string; at: number }[] = [];
  for (const row of rows) {
    const identity = detectionIdentity(row);
    if (seen.has(identity)) continue;
    const at = Date.parse(row.receiveTime);
    seen.set(identity, at);
    if (state !== null) fresh.push({ row, identity, at });
  }
  fresh.sort((a, b) => a.at - b.at || (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));
  const nextFrom = window.to - overlapMs;
  const kept = Object.fromEntries([...seen].filter(([, at]) => at >= nextFrom));
  return { fresh: fresh.map((entry) => entry.row), next: { watermark: window.to, seen: kept } };
}

/**
 * Polls skipped after `failures` failed polls in a row: 1, 3, 7, then 7 again. The window does
 * not move while SIGN fails, so the poll after recovery reads everything missed.
 */
export function ticksToSkipAfterFailures(failures: number, maxSkipped = 7): number {
  if (failures <= 0) return 0;
  return Math.min(2 ** failures - 1, maxSkipped);
}
