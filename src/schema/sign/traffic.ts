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

/** Enum values whose internal value is the vendor's spelling, each described with that spelling. */
function vendorValues<const Values extends Record<string, string>>(
  values: Values,
  describe: (name: keyof Values & string, vendorValue: string) => string,
): { [Name in keyof Values]: { value: Values[Name]; description: string } } {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value, description: describe(name, value) }])) as {
    [Name in keyof Values]: { value: Values[Name]; description: string };
  };
}

/** MINUTES_15 -> "15 minutes (SIGN `15m`)." */
function describeDuration(name: string, vendorValue: string): string {
  const [unit = '', count = ''] = name.split('_');
  const amount = Number(count);
  const units = unit.toLowerCase();
  return `${amount} ${amount === 1 ? units.replace(/s$/, '') : units} (SIGN \`${vendorValue}\`).`;
}

const RANK_BY_DESCRIPTIONS: Record<keyof typeof TRAFFIC_RANK_BY, string> = {
  SRC_IP: 'Source IPv4 address',
  DST_IP: 'Destination IPv4 address',
  SRC_PORT: 'Source port',
  DST_PORT: 'Destination port',
  SRC_IP_PORT: 'Source address and port',
  DST_IP_PORT: 'Destination address and port',
  PROTOCOL: 'IP protocol number',
  APP_ID: 'NBAR application ID',
};

/** The GraphQL name of a vendor value, for messages the caller can match to what they sent. */
function graphqlName(values: Record<string, string>, vendorValue: string): string {
  return Object.entries(values).find(([, value]) => value === vendorValue)?.[0] ?? vendorValue;
}

export const TrafficPeriodEnum = builder.enumType('TrafficPeriod', {
  description: 'How far back from baseDateTime the report reaches.',
  values: vendorValues(TRAFFIC_PERIODS, describeDuration),
});
export const TrafficIntervalEnum = builder.enumType('TrafficInterval', {
  description: 'The unit time each rate is aggregated over; not longer than the period.',
  values: vendorValues(TRAFFIC_INTERVALS, describeDuration),
});
export const TrafficRankByEnum = builder.enumType('TrafficRankBy', {
  description: 'What the traffic is grouped and ranked by.',
  values: vendorValues(TRAFFIC_RANK_BY, (name, vendorValue) => `${RANK_BY_DESCRIPTIONS[name]} (SIGN \`${vendorValue}\`).`),
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
    appId: t.string({
      description: 'An NBAR application ID, such as 218104303.',
      validate: z.string().regex(/^\d{1,20}$/, 'must be an NBAR application ID (digits), such as 218104303'),
    }),
    sourceAddresses: t.stringList({ description: 'IPv4 source addresses, such as 192.168.0.1.', validate: z.array(ipv4Rule) }),
    sourcePorts: t.intList({ description: 'Source ports, 0 to 65535.', validate: z.array(portRule) }),
    sourceNetworks: t.stringList({ description: 'IPv4 networks in CIDR form, such as 192.168.0.0/24.', validate: z.array(ipv4NetworkRule) }),
    destinationAddresses: t.stringList({ description: 'IPv4 destination addresses, such as 192.168.0.1.', validate: z.array(ipv4Rule) }),
    destinationPorts: t.intList({ description: 'Destination ports, 0 to 65535.', validate: z.array(portRule) }),
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
    timeSeries: t.field({
      type: TrafficTimeSeriesRef,
      nullable: true,
      description: 'The top groups, each as rates per interval (SIGN traffic-timeseries); null, with an error naming sign, when SIGN fails.',
      resolve: (query, _args, ctx) => ctx.sign.trafficTimeSeries(query),
    }),
    statistics: t.field({
      type: TrafficStatisticsRef,
      nullable: true,
      description:
        'The top groups, each with its current, average and maximum rate (SIGN traffic-statistics); null, with an error naming sign, when SIGN fails.',
      resolve: (query, _args, ctx) => ctx.sign.trafficStatistics(query),
    }),
    total: t.field({
      type: TrafficTotalRef,
      nullable: true,
      description: 'All matching traffic over the period, and its peak (SIGN traffic-total); null, with an error naming sign, when SIGN fails.',
      resolve: (query, _args, ctx) => ctx.sign.trafficTotal(query),
    }),
  }),
});

builder.objectType(TrafficTimeSeriesRef, {
  description: 'Rates of the top groups, interval by interval, over the period.',
  fields: (t) => ({
    cacheHit: t.exposeBoolean('cacheHit', { description: 'SIGN answered from its cache.' }),
    totalBytesProcessed: t.exposeFloat('totalBytesProcessed', { description: 'Bytes SIGN scanned to answer.' }),
    groups: t.field({ type: [TrafficSeriesRef], description: 'The top groups, best rank first; at most `top`.', resolve: (answer) => answer.traffics }),
  }),
});

builder.objectType(TrafficSeriesRef, {
  description: "One group's rates over the period.",
  fields: (t) => ({
    group: t.exposeString('group', { description: 'The address, port, protocol or application ID grouped by (rankBy).' }),
    rank: t.exposeInt('rank', { description: 'Its rank by traffic, 1 for the busiest.' }),
    rates: t.field({ type: [TrafficRateRef], description: 'One rate per interval, oldest first.', resolve: (series) => series.rates }),
  }),
});

builder.objectType(TrafficRateRef, {
  description: 'The rate of one group over one interval.',
  fields: (t) => ({
    timestamp: t.field({ type: 'DateTime', description: 'The end of the interval, UTC.', resolve: (rate) => rate.timestamp }),
    bps: t.exposeFloat('bps', { description: 'Bits per second, averaged over the interval.' }),
    pps: t.exposeFloat('pps', { description: 'Packets per second, averaged over the interval.' }),
  }),
});

builder.objectType(TrafficStatisticsRef, {
  description: 'Per-group statistics of the rate over the period.',
  fields: (t) => ({
    cacheHit: t.exposeBoolean('cacheHit', { description: 'SIGN answered from its cache.' }),
    totalBytesProcessed: t.exposeFloat('totalBytesProcessed', { description: 'Bytes SIGN scanned to answer.' }),
    groups: t.field({
      type: [TrafficGroupStatisticsRef],
      description: 'The top groups, best rank first; at most `top`.',
      resolve: (answer) => answer.trafficStatistics,
    }),
  }),
});

builder.objectType(TrafficGroupStatisticsRef, {
  description: 'Bits per second of one group over the period.',
  fields: (t) => ({
    group: t.exposeString('group', { description: 'The address, port, protocol or application ID grouped by (rankBy).' }),
    rank: t.exposeInt('rank', { description: 'Its rank by traffic, 1 for the busiest.' }),
    current: t.exposeFloat('curValue', { description: 'Bits per second in the latest interval, ending at baseDateTime.' }),
    average: t.exposeFloat('avgValue', { description: 'Bits per second, averaged over the intervals of the period.' }),
    maximum: t.exposeFloat('maxValue', { description: 'Bits per second in the busiest interval of the period.' }),
  }),
});

builder.objectType(TrafficTotalRef, {
  description: 'Traffic volume over the period, as SIGN totals it (the vendor does not name the unit).',
  fields: (t) => ({
    totalTraffic: t.exposeFloat('totalTraffic', { description: 'All matching traffic over the period.' }),
    peakTraffic: t.exposeFloat('peakTraffic', { description: 'The traffic of the busiest interval of the period.' }),
  }),
});

builder.objectField(TenantRef, 'traffic', (t) =>
  t.field({
    type: TrafficReportRef,
    description: 'Traffic over the period ending at baseDateTime, from the flow logs; no call here: only the selected views are fetched, one SIGN call each.',
    args: {
      lineType: t.arg({ type: LineTypeEnum, required: true, description: 'The line whose traffic to report.' }),
      baseDateTime: t.arg({ type: 'DateTime', required: true, description: 'The end of the period, any zone (sent to SIGN in UTC, to the second).' }),
      period: t.arg({ type: TrafficPeriodEnum, required: true, description: 'How far back from baseDateTime.' }),
      interval: t.arg({
        type: TrafficIntervalEnum,
        required: true,
        description: 'The unit each rate is averaged over; not longer than the period (BAD_USER_INPUT otherwise).',
      }),
      rankBy: t.arg({ type: TrafficRankByEnum, required: true, description: 'What to group and rank the traffic by.' }),
      top: t.arg.int({
        defaultValue: 10,
        description: `How many groups, ${TOP_RANGE.min} to ${TOP_RANGE.max}.`,
        validate: z
          .number()
          .int()
          .min(TOP_RANGE.min, `must be ${TOP_RANGE.min} to ${TOP_RANGE.max}`)
          .max(TOP_RANGE.max, `must be ${TOP_RANGE.min} to ${TOP_RANGE.max}`),
      }),
      filter: t.arg({ type: TrafficFilterInput, required: false, description: 'Omitted: all traffic of the line.' }),
    },
    argumentsRule: trafficWindowRule,
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
