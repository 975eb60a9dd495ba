/** Traffic time series, statistics and totals: one parameter set, three views of the model. */
import { LINE_TYPES } from './catalog.js';
import type { RouteContext, RouteHandler } from './context.js';
import { SIGN_ERROR } from './errors.js';
import { formatSeconds } from './time.js';
import { RANK_BY, TRAFFIC_INTERVALS, TRAFFIC_PERIODS, TrafficModel, type TrafficQuery } from './traffic.js';
import { QueryReader } from './validation.js';

const TOP_RANGE = { min: 1, max: 100 };
const DEFAULT_TOP = 10;
const PORT_RANGE = { min: 0, max: 65_535 };
const IP_PROTOCOL_RANGE = { min: 0, max: 255 };

const PERIOD_NAMES = Object.keys(TRAFFIC_PERIODS) as (keyof typeof TRAFFIC_PERIODS)[];
const INTERVAL_NAMES = Object.keys(TRAFFIC_INTERVALS) as (keyof typeof TRAFFIC_INTERVALS)[];

/** The vendor documents the same parameters, all of them required alike, for the three endpoints. */
function readTrafficQuery(reader: QueryReader): TrafficQuery {
  const lineType = reader.requiredOneOf('lineType', LINE_TYPES);
  const baseDateTime = reader.requiredDateTime('baseDateTime');
  const period = reader.requiredOneOf('period', PERIOD_NAMES);
  const interval = reader.requiredOneOf('interval', INTERVAL_NAMES);
  if (reader.valid('period', 'interval') && TRAFFIC_INTERVALS[interval] > TRAFFIC_PERIODS[period]) {
    reader.fail('interval', SIGN_ERROR.intervalExceedsPeriod, `Query parameter 'interval' (${interval}) must not be longer than 'period' (${period}).`);
  }
  const appId = reader.optionalString('app_id');
  return {
    lineType,
    baseDateTime,
    periodMs: TRAFFIC_PERIODS[period],
    intervalMs: TRAFFIC_INTERVALS[interval],
    rankBy: reader.requiredOneOf('rankBy', RANK_BY),
    top: reader.integer('top', TOP_RANGE, DEFAULT_TOP),
    filters: {
      srcIps: reader.ipv4s('src_ip'),
      dstIps: reader.ipv4s('dst_ip'),
      srcPorts: reader.integers('src_port', PORT_RANGE),
      dstPorts: reader.integers('dst_port', PORT_RANGE),
      srcNetworks: reader.cidrs('src_nw_address'),
      dstNetworks: reader.cidrs('dst_nw_address'),
      protocols: reader.integers('protocol', IP_PROTOCOL_RANGE),
      ...(appId === undefined ? {} : { appId }),
    },
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Parses, builds the model and reports whether the same question (same route, same query
 * text in any key order) was asked of this tenant before: the vendor's `cacheHit`.
 */
function trafficRoute(answer: (model: TrafficModel) => Record<string, unknown>): RouteHandler {
  return ({ request, tenant }: RouteContext) => {
    const reader = new QueryReader(request.query);
    const query = readTrafficQuery(reader);
    reader.done();
    const model = new TrafficModel(tenant.tenantId, tenant.data(), query);
    const queryKey = `${request.path}?${[...request.query.entries()]
      .map(([key, value]) => `${key}=${value}`)
      .sort()
      .join('&')}`;
    const cacheHit = tenant.answeredTrafficQueries.has(queryKey);
    tenant.answeredTrafficQueries.add(queryKey);
    // The two fields read like a query engine's job statistics: a cached answer scans nothing.
    const meta = { cacheHit, totalBytesProcessed: cacheHit ? 0 : model.totalBytesProcessed };
    return { status: 200, body: { ...meta, ...answer(model) } };
  };
}

export const trafficTimeSeries = trafficRoute((model) => {
  const timestamps = model.bucketEnds().map(formatSeconds);
  return {
    traffics: model.rankedGroups().map(({ group, rank, bps, pps }) => ({
      group,
      rank,
      rates: timestamps.map((timestamp, bucket) => ({ bps: round2(bps[bucket] ?? 0), pps: round2(pps[bucket] ?? 0), timestamp })),
    })),
  };
});

/** curValue is the bucket ending at baseDateTime; avg and max run over the whole period. */
export const trafficStatistics = trafficRoute((model) => ({
  trafficStatistics: model.rankedGroups().map(({ group, rank, bps }) => ({
    group,
    curValue: round2(bps[bps.length - 1] ?? 0),
    avgValue: round2(bps.reduce((sum, value) => sum + value, 0) / Math.max(bps.length, 1)),
    maxValue: round2(Math.max(0, ...bps)),
    rank,
  })),
}));

/**
 * totalTraffic in bytes over the period; peakTraffic the busiest interval's bits per second.
 * rankBy and top are required by the vendor here too but change nothing: the total is of all
 * filtered traffic.
 */
export const trafficTotal = trafficRoute((model) => {
  const rates = model.totalRates();
  const intervalSeconds = model.intervalSeconds;
  return {
    totalTraffic: Math.round(rates.reduce((sum, bps) => sum + (bps * intervalSeconds) / 8, 0)),
    peakTraffic: Math.round(Math.max(0, ...rates)),
  };
});
