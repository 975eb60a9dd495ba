import { z } from 'zod';
import type { TrafficFilterQuery, TrafficQuery } from '../../upstreams/sign/client.js';
import {
  SIGN_TRAFFIC_INTERVALS,
  SIGN_TRAFFIC_MINUTES,
  SIGN_TRAFFIC_PERIODS,
  type SignTrafficInterval,
  type SignTrafficPeriod,
  type SignTrafficRankBy,
  type TrafficStatisticsAnswer,
  type TrafficTimeSeriesAnswer,
  type TrafficTotalAnswer,
} from '../../upstreams/sign/models.js';
import { builder } from '../builder.js';
import { ipv4NetworkRule, ipv4Rule, portRule, protocolRule } from '../validators.js';
import { LineTypeEnum } from './enums.js';
import { TenantRef } from './refs.js';

/**
 * SIGN traffic analytics over the flow logs. `Tenant.traffic` only checks and keeps the
 * question; each TrafficReport field asks its own endpoint, so only what is selected is
 * fetched, and graphql-js runs the selected ones concurrently.
 */

/** GraphQL enum names and the vendor's spellings, which are the enums' internal values. */
export const TRAFFIC_PERIODS = { MINUTES_15: '15m', HOURS_1: '1h', HOURS_24: '24h', DAYS_7: '7d' } as const satisfies Record<string, SignTrafficPeriod>;
export const TRAFFIC_INTERVALS = {
  MINUTES_1: '1m',
  MINUTES_5: '5m',
  MINUTES_15: '15m',
  MINUTES_30: '30m',
  HOURS_1: '1h',
  HOURS_2: '2h',
  DAYS_1: '1d',
} as const satisfies Record<string, SignTrafficInterval>;
export const TRAFFIC_RANK_BY = {
  SRC_IP: 'src_ip',
  DST_IP: 'dst_ip',
  SRC_PORT: 'src_port',
  DST_PORT: 'dst_port',
  SRC_IP_PORT: 'src_ip_port',
  DST_IP_PORT: 'dst_ip_port',
  PROTOCOL: 'protocol',
  APP_ID: 'app_id',
} as const satisfies Record<string, SignTrafficRankBy>;

function vendorValues<const Values extends Record<string, string>>(values: Values): { [Name in keyof Values]: { value: Values[Name] } } {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value }])) as { [Name in keyof Values]: { value: Values[Name] } };
}

/** The GraphQL name of a vendor value, for messages the caller can match to what they sent. */
function graphqlName(values: Record<string, string>, vendorValue: string): string {
  return Object.entries(values).find(([, value]) => value === vendorValue)?.[0] ?? vendorValue;
}

export const TrafficPeriodEnum = builder.enumType('TrafficPeriod', {
  description: 'How far back from baseDateTime the report reaches.',
  values: vendorValues(TRAFFIC_PERIODS),
});
export const TrafficIntervalEnum = builder.enumType('TrafficInterval', {
  description: 'The unit time each rate is aggregated over; not longer than the period.',
  values: vendorValues(TRAFFIC_INTERVALS),
});
export const TrafficRankByEnum = builder.enumType('TrafficRankBy', {
  description: 'What the traffic is grouped and ranked by.',
  values: vendorValues(TRAFFIC_RANK_BY),
});

export const TOP_RANGE = { min: 1, max: 100 } as const;

export function intervalLongerThanPeriod(interval: SignTrafficInterval, period: SignTrafficPeriod): boolean {
  return SIGN_TRAFFIC_MINUTES[interval] > SIGN_TRAFFIC_MINUTES[period];
}

/** Whole-argument rule, checked before any call; loose so the other arguments pass through unchanged. */
export const trafficWindowRule = z
  .looseObject({ period: z.enum(SIGN_TRAFFIC_PERIODS), interval: z.enum(SIGN_TRAFFIC_INTERVALS) })
  .superRefine(({ period, interval }, ctx) => {
    if (intervalLongerThanPeriod(interval, period)) {
      ctx.addIssue({
        code: 'custom',
        message: `interval ${graphqlName(TRAFFIC_INTERVALS, interval)} is longer than the period ${graphqlName(TRAFFIC_PERIODS, period)}; choose an interval no longer than the period`,
      });
    }
  });

export const TrafficFilterInput = builder.inputType('TrafficFilter', {
  description: 'Narrows the traffic to matching flows: any value of one list matches, and every list given must match.',
  fields: (t) => ({
    appId: t.string({ description: 'An NBAR application ID, such as 218104303.', validate: z.string().regex(/^\d{1,20}$/, 'must be an NBAR application ID (digits), such as 218104303') }),
    sourceAddresses: t.stringList({ validate: z.array(ipv4Rule) }),
    sourcePorts: t.intList({ validate: z.array(portRule) }),
    sourceNetworks: t.stringList({ description: 'IPv4 networks in CIDR form, such as 192.168.0.0/24.', validate: z.array(ipv4NetworkRule) }),
    destinationAddresses: t.stringList({ validate: z.array(ipv4Rule) }),
    destinationPorts: t.intList({ validate: z.array(portRule) }),
    destinationNetworks: t.stringList({ description: 'IPv4 networks in CIDR form, such as 192.168.0.0/24.', validate: z.array(ipv4NetworkRule) }),
    protocols: t.intList({ description: 'IP protocol numbers (6 TCP, 17 UDP).', validate: z.array(protocolRule) }),
  }),
});

type TrafficFilterArgs = { [Key in keyof TrafficFilterQuery]?: NonNullable<TrafficFilterQuery[Key]> | null };

/** GraphQL leaves absent and null apart; the client wants only what was given. */
function filterQuery(filter: TrafficFilterArgs | null | undefined): TrafficFilterQuery {
  return Object.fromEntries(Object.entries(filter ?? {}).filter(([, value]) => value !== null && value !== undefined)) as TrafficFilterQuery;
}

const TrafficReportRef = builder.objectRef<TrafficQuery>('TrafficReport');
const TrafficTimeSeriesRef = builder.objectRef<TrafficTimeSeriesAnswer>('TrafficTimeSeries');
const TrafficSeriesRef = builder.objectRef<TrafficTimeSeriesAnswer['traffics'][number]>('TrafficSeries');
const TrafficRateRef = builder.objectRef<TrafficTimeSeriesAnswer['traffics'][number]['rates'][number]>('TrafficRate');
const TrafficStatisticsRef = builder.objectRef<TrafficStatisticsAnswer>('TrafficStatistics');
const TrafficGroupStatisticsRef = builder.objectRef<TrafficStatisticsAnswer['trafficStatistics'][number]>('TrafficGroupStatistics');
const TrafficTotalRef = builder.objectRef<TrafficTotalAnswer>('TrafficTotal');

builder.objectType(TrafficReportRef, {
  description: 'Three views of one traffic question; each is one SIGN call, made only when selected.',
  fields: (t) => ({
    timeSeries: t.field({ type: TrafficTimeSeriesRef, nullable: true, resolve: (query, _args, ctx) => ctx.sign.trafficTimeSeries(query) }),
    statistics: t.field({ type: TrafficStatisticsRef, nullable: true, resolve: (query, _args, ctx) => ctx.sign.trafficStatistics(query) }),
    total: t.field({ type: TrafficTotalRef, nullable: true, resolve: (query, _args, ctx) => ctx.sign.trafficTotal(query) }),
  }),
});

builder.objectType(TrafficTimeSeriesRef, {
  fields: (t) => ({
    cacheHit: t.exposeBoolean('cacheHit', { description: 'SIGN answered from its cache.' }),
    totalBytesProcessed: t.exposeFloat('totalBytesProcessed', { description: 'Bytes SIGN scanned to answer.' }),
    groups: t.field({ type: [TrafficSeriesRef], resolve: (answer) => answer.traffics }),
  }),
});

builder.objectType(TrafficSeriesRef, {
  fields: (t) => ({
    group: t.exposeString('group', { description: 'The address, port, protocol or application ID grouped by (rankBy).' }),
    rank: t.exposeInt('rank'),
    rates: t.field({ type: [TrafficRateRef], resolve: (series) => series.rates }),
  }),
});

builder.objectType(TrafficRateRef, {
  fields: (t) => ({
    timestamp: t.field({ type: 'DateTime', description: 'The end of the interval.', resolve: (rate) => rate.timestamp }),
    bps: t.exposeFloat('bps', { description: 'Bits per second, averaged over the interval.' }),
    pps: t.exposeFloat('pps', { description: 'Packets per second, averaged over the interval.' }),
  }),
});

builder.objectType(TrafficStatisticsRef, {
  fields: (t) => ({
    cacheHit: t.exposeBoolean('cacheHit', { description: 'SIGN answered from its cache.' }),
    totalBytesProcessed: t.exposeFloat('totalBytesProcessed', { description: 'Bytes SIGN scanned to answer.' }),
    groups: t.field({ type: [TrafficGroupStatisticsRef], resolve: (answer) => answer.trafficStatistics }),
  }),
});

builder.objectType(TrafficGroupStatisticsRef, {
  description: 'Bits per second of one group over the period.',
  fields: (t) => ({
    group: t.exposeString('group'),
    rank: t.exposeInt('rank'),
    current: t.exposeFloat('curValue', { description: 'The latest interval, ending at baseDateTime.' }),
    average: t.exposeFloat('avgValue'),
    maximum: t.exposeFloat('maxValue'),
  }),
});

builder.objectType(TrafficTotalRef, {
  fields: (t) => ({
    totalTraffic: t.exposeFloat('totalTraffic', { description: 'All matching traffic over the period.' }),
    peakTraffic: t.exposeFloat('peakTraffic', { description: 'The busiest interval of the period.' }),
  }),
});

builder.objectField(TenantRef, 'traffic', (t) =>
  t.field({
    type: TrafficReportRef,
    description: 'Traffic over the period ending at baseDateTime; only the selected views are fetched.',
    args: {
      lineType: t.arg({ type: LineTypeEnum, required: true }),
      baseDateTime: t.arg({ type: 'DateTime', required: true }),
      period: t.arg({ type: TrafficPeriodEnum, required: true }),
      interval: t.arg({ type: TrafficIntervalEnum, required: true }),
      rankBy: t.arg({ type: TrafficRankByEnum, required: true }),
      top: t.arg.int({
        defaultValue: 10,
        description: `How many groups, ${TOP_RANGE.min} to ${TOP_RANGE.max}.`,
        validate: z
          .number()
          .int()
          .min(TOP_RANGE.min, `must be ${TOP_RANGE.min} to ${TOP_RANGE.max}`)
          .max(TOP_RANGE.max, `must be ${TOP_RANGE.min} to ${TOP_RANGE.max}`),
      }),
      filter: t.arg({ type: TrafficFilterInput, required: false }),
    },
    validate: trafficWindowRule,
    // No call here: the arguments are the report, each view fetches its own.
    resolve: (tenant, args): TrafficQuery => ({
      tenantId: tenant.tenantId,
      lineType: args.lineType,
      baseDateTime: args.baseDateTime,
      period: args.period,
      interval: args.interval,
      rankBy: args.rankBy,
      top: args.top ?? undefined,
      filter: filterQuery(args.filter),
    }),
  }),
);
