/**
 * The traffic model behind time series, statistics and totals. The flow logs say who talks
 * with whom and how much (each group's share of each application's bytes); a per-application
 * rate curve (busy and quiet hours, seeded noise per minute) says when. Any baseDateTime gets
 * an answer, the same one every time, and the three endpoints agree: a group's series is its
 * shares times the application curves, the total is the filtered shares times the same curves.
 */
import { FLOW_APPS, type LineType } from './catalog.js';
import type { FlowLog, TenantData } from './data.js';
import { hashString, noiseAt } from './prng.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time.js';
import { cidrContains, type Cidr } from './validation.js';

export const TRAFFIC_PERIODS = { '15m': 15 * MINUTE_MS, '1h': HOUR_MS, '24h': DAY_MS, '7d': 7 * DAY_MS } as const;
export const TRAFFIC_INTERVALS = {
  '1m': MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': HOUR_MS,
  '2h': 2 * HOUR_MS,
  '1d': DAY_MS,
} as const;
export const RANK_BY = ['src_ip', 'dst_ip', 'src_port', 'dst_port', 'src_ip_port', 'dst_ip_port', 'protocol', 'app_id'] as const;
export type RankBy = (typeof RANK_BY)[number];

export interface TrafficFilters {
  srcIps: string[];
  dstIps: string[];
  srcPorts: number[];
  dstPorts: number[];
  srcNetworks: Cidr[];
  dstNetworks: Cidr[];
  protocols: number[];
  appId?: string;
}

export interface TrafficQuery {
  lineType: LineType;
  baseDateTime: number;
  periodMs: number;
  intervalMs: number;
  rankBy: RankBy;
  top: number;
  filters: TrafficFilters;
}

/** A ranked group's rates, one value per bucket (see bucketEnds). */
export interface RankedGroup {
  group: string;
  rank: number;
  bps: number[];
  pps: number[];
}

/**
 * The stored flow logs are a thin sample of a line's traffic (thousands of rows a month);
 * rates scale them back up to what a busy IoT line carries, a few hundred kbit/s.
 */
const FLOW_SAMPLE_RATIO = 200;
/** Pretend each flow row scanned costs this many bytes, for the vendor's `totalBytesProcessed`. */
const SCANNED_BYTES_PER_ROW = 120;
const JST_OFFSET_HOURS = 9;

function groupOf(log: FlowLog, rankBy: RankBy): string {
  switch (rankBy) {
    case 'src_ip':
      return log.ipv4SrcAddr;
    case 'dst_ip':
      return log.ipv4DstAddr;
    case 'src_port':
      return String(log.l4SrcPort);
    case 'dst_port':
      return String(log.l4DstPort);
    case 'src_ip_port':
      return `${log.ipv4SrcAddr}:${log.l4SrcPort}`;
    case 'dst_ip_port':
      return `${log.ipv4DstAddr}:${log.l4DstPort}`;
    case 'protocol':
      return String(log.protocol);
    case 'app_id':
      return log.appId;
  }
}

/** Within one filter, any value matches; across filters, all must. */
function passesFilters(log: FlowLog, filters: TrafficFilters): boolean {
  const anyOf = <T>(values: readonly T[], test: (value: T) => boolean) => values.length === 0 || values.some(test);
  return (
    anyOf(filters.srcIps, (ip) => ip === log.ipv4SrcAddr) &&
    anyOf(filters.dstIps, (ip) => ip === log.ipv4DstAddr) &&
    anyOf(filters.srcPorts, (port) => port === log.l4SrcPort) &&
    anyOf(filters.dstPorts, (port) => port === log.l4DstPort) &&
    anyOf(filters.srcNetworks, (cidr) => cidrContains(cidr, log.ipv4SrcAddr)) &&
    anyOf(filters.dstNetworks, (cidr) => cidrContains(cidr, log.ipv4DstAddr)) &&
    anyOf(filters.protocols, (protocol) => protocol === log.protocol) &&
    (filters.appId === undefined || filters.appId === log.appId)
  );
}

/** One model per request: the tenant's line, its applications' curves over the asked period. */
export class TrafficModel {
  private readonly appCount = FLOW_APPS.length;
  /** appRates[app][bucket]: the application's whole bits per second, averaged over the bucket. */
  private readonly appRates: number[][];
  private readonly bytesPerPacket: number[];
  /** Each group's share of each application's bytes, for the filtered flows only. */
  private readonly groupShares = new Map<string, number[]>();
  readonly bucketCount: number;
  readonly scannedRows: number;

  constructor(
    tenantId: string,
    data: TenantData,
    private readonly query: TrafficQuery,
  ) {
    const flows = data.flows.filter((record) => record.sim.lineType === query.lineType);
    this.scannedRows = flows.length;
    const appIndex = new Map(FLOW_APPS.map((app, index) => [app, index]));
    const appBytes = new Array<number>(this.appCount).fill(0);
    const appPackets = new Array<number>(this.appCount).fill(0);
    for (const { app, log } of flows) {
      const index = appIndex.get(app) ?? 0;
      appBytes[index] = (appBytes[index] ?? 0) + log.inBytes;
      appPackets[index] = (appPackets[index] ?? 0) + log.inPkts;
    }
    for (const { app, log } of flows) {
      if (!passesFilters(log, query.filters)) continue;
      const index = appIndex.get(app) ?? 0;
      const group = groupOf(log, query.rankBy);
      const shares = this.groupShares.get(group) ?? new Array<number>(this.appCount).fill(0);
      shares[index] = (shares[index] ?? 0) + log.inBytes / (appBytes[index] ?? 1);
      this.groupShares.set(group, shares);
    }
    this.bytesPerPacket = appBytes.map((bytes, index) => (bytes > 0 ? bytes / (appPackets[index] ?? 1) : 1));
    const windowSeconds = (data.window.end - data.window.start) / 1000;
    const averageBps = appBytes.map((bytes) => (bytes * 8 * FLOW_SAMPLE_RATIO) / windowSeconds);
    this.bucketCount = query.periodMs / query.intervalMs;
    this.appRates = this.applicationCurves(hashString(`${tenantId}:${query.lineType}:traffic`), averageBps);
  }

  /** End-labelled buckets: the last one ends at baseDateTime, as in the vendor's example. */
  bucketEnd(bucket: number): number {
    return this.query.baseDateTime - (this.bucketCount - 1 - bucket) * this.query.intervalMs;
  }

  private applicationCurves(seed: number, averageBps: number[]): number[][] {
    const minutesPerBucket = this.query.intervalMs / MINUTE_MS;
    return FLOW_APPS.map((app, index) => {
      const average = averageBps[index] ?? 0;
      return Array.from({ length: this.bucketCount }, (_, bucket) => {
        const bucketStart = this.bucketEnd(bucket) - this.query.intervalMs;
        let sum = 0;
        for (let minute = 0; minute < minutesPerBucket; minute += 1) {
          const at = bucketStart + minute * MINUTE_MS;
          const hourJst = (((at / HOUR_MS + JST_OFFSET_HOURS) % 24) + 24) % 24;
          const daily = 1 + app.dailySwing * Math.cos((2 * Math.PI * (hourJst - app.peakHourJst)) / 24);
          sum += average * daily * (0.75 + 0.5 * noiseAt(seed, index, Math.floor(at / MINUTE_MS)));
        }
        return sum / minutesPerBucket;
      });
    });
  }

  /** Bits and packets per second of a group over the buckets (most groups use one application). */
  private series(shares: readonly number[]): { bps: number[]; pps: number[] } {
    const bps = new Array<number>(this.bucketCount).fill(0);
    const pps = new Array<number>(this.bucketCount).fill(0);
    shares.forEach((share, app) => {
      const rates = this.appRates[app];
      if (share === 0 || rates === undefined) return;
      const bitsPerPacket = 8 * (this.bytesPerPacket[app] ?? 1);
      for (let bucket = 0; bucket < this.bucketCount; bucket += 1) {
        const appBps = share * (rates[bucket] ?? 0);
        bps[bucket] = (bps[bucket] ?? 0) + appBps;
        pps[bucket] = (pps[bucket] ?? 0) + appBps / bitsPerPacket;
      }
    });
    return { bps, pps };
  }

  /** The top groups by traffic over the period, ties by name. */
  rankedGroups(): RankedGroup[] {
    const appTotals = this.appRates.map((rates) => rates.reduce((sum, rate) => sum + rate, 0));
    return [...this.groupShares.entries()]
      .map(([group, shares]) => ({ group, shares, volume: shares.reduce((sum, share, app) => sum + share * (appTotals[app] ?? 0), 0) }))
      .sort((a, b) => b.volume - a.volume || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0))
      .slice(0, this.query.top)
      .map(({ group, shares }, index) => ({ group, rank: index + 1, ...this.series(shares) }));
  }

  /** Bits per second of all filtered traffic, per bucket. */
  totalRates(): number[] {
    const filteredShares = new Array<number>(this.appCount).fill(0);
    for (const shares of this.groupShares.values()) for (const [app, share] of shares.entries()) filteredShares[app] = (filteredShares[app] ?? 0) + share;
    return this.series(filteredShares).bps;
  }

  /** When each bucket ends, oldest first. */
  bucketEnds(): number[] {
    return Array.from({ length: this.bucketCount }, (_, bucket) => this.bucketEnd(bucket));
  }

  get intervalSeconds(): number {
    return this.query.intervalMs / 1000;
  }

  get totalBytesProcessed(): number {
    return this.scannedRows * SCANNED_BYTES_PER_ROW;
  }
}
