import { z } from 'zod';
import { isoUtcMillisDay } from '../../utc-text.js';

/** zod models of what docomo business SIGN answers (sign-security-api.txt), and its vendor enums. */

export const SIGN_LINE_TYPES = ['INT', 'VPN', 'MEC'] as const;
export type SignLineType = (typeof SIGN_LINE_TYPES)[number];
export const SIGN_SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational', 'other'] as const;
export type SignSeverity = (typeof SIGN_SEVERITIES)[number];
/** The IP threat endpoints know only these. */
export const SIGN_IP_SEVERITIES: readonly SignSeverity[] = ['critical', 'high', 'other'];
export const THREAT_KINDS = ['IP', 'OTHER'] as const;
export type ThreatKind = (typeof THREAT_KINDS)[number];

const count = z.number().int().min(0);
/** Threat-detail ports arrive as strings ("9215"); accept numbers too, and empty as absent. */
const port = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === null || value === '') return null;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0 || number > 65_535) {
      ctx.addIssue({ code: 'custom', message: `port ${JSON.stringify(value)} is not 0..65535` });
      return z.NEVER;
    }
    return number;
  });
/**
 * SIGN's own form of a time (what `toISOString` writes), a month 01-12 and a day 01-31: every such
 * string is one Date.parse accepts (it rolls 02-30 over), so it is accepted without parsing it,
 * which was most of a row's validation. Anything else is what Date.parse makes of it.
 */
export function isSignTimeForm(value: string): boolean {
  return isoUtcMillisDay(value) >= 0;
}
export const isSignDateTime = (value: string): boolean => isSignTimeForm(value) || !Number.isNaN(Date.parse(value));
const dateTime = z.string().refine(isSignDateTime, 'is not a date-time');
/** Absent or null: null. A default, not a transform: zod answers it without a pipe per field of every row. */
const optionalText = z.string().nullable().default(null);

export const signErrorBody = z.object({ errorCode: z.union([z.number(), z.string()]).optional(), errorMessages: z.array(z.string()).optional() });

export interface SignPage<Row> {
  rows: Row[];
  total: number;
}

/**
 * Every SIGN list answer: its rows under a route-specific key, and `total` for paging. Each row's
 * times are checked by its model's own refinement: compiled (src/compiled-model.ts), a refinement is a
 * call of its predicate, where zod's runtime parser spent ~0.25 µs entering each one.
 */
function paged<Row extends z.ZodType>(listKey: string, row: Row): z.ZodType<SignPage<z.output<Row>>> {
  return z.object({ [listKey]: z.array(row), total: count }).transform((body) => ({ rows: body[listKey] as z.output<Row>[], total: body.total as number }));
}

export const threatSummaryRow = z.object({
  receiveTime: dateTime,
  recordCount: count,
  simId: z.string().min(1),
  profileStatus: optionalText,
  detectedTarget: z.string(),
  threatSeverity: z.enum(SIGN_SEVERITIES),
  threatType: z.string(),
  simName: optionalText,
  isLocked: z.boolean().nullable().default(null),
});
export type ThreatSummaryRow = z.output<typeof threatSummaryRow>;

export const threatDetailRow = z.object({
  receiveTime: dateTime,
  threatSeverity: z.enum(SIGN_SEVERITIES),
  threatType: z.string(),
  detectedTarget: z.string(),
  application: optionalText,
  ipProtocol: optionalText,
  stream: z.enum(['UP', 'DOWN']).nullable().default(null),
  sourceAddress: z.string(),
  destinationAddress: z.string(),
  sourcePort: port,
  destinationPort: port,
  lineType: z.enum(SIGN_LINE_TYPES),
});
export type ThreatDetailRow = z.output<typeof threatDetailRow>;

export const flowRow = z.object({
  flowStartMilliseconds: dateTime,
  flowEndMilliseconds: dateTime,
  ipv4SrcAddr: z.string(),
  ipv4DstAddr: z.string(),
  appId: z.union([z.string(), z.number()]).transform(String),
  l4SrcPort: z.number().int().nullable().default(null),
  l4DstPort: z.number().int().nullable().default(null),
  protocol: z.number().int(),
  inBytes: z.number(),
  inPkts: z.number(),
  simId: z.string(),
});
export type FlowRow = z.output<typeof flowRow>;

export const threatSummaryPage = {
  OTHER: paged('threatSummaries', threatSummaryRow),
  IP: paged('trafficSummaries', threatSummaryRow),
} as const;
export const threatDetailPage = { OTHER: paged('threats', threatDetailRow), IP: paged('traffics', threatDetailRow) } as const;
export const flowPage = paged('flowCollectors', flowRow);

/** Traffic analytics (flow-collectors/traffic-*): vendor spellings of periods, intervals and groupings. */
export const SIGN_TRAFFIC_PERIODS = ['15m', '1h', '24h', '7d'] as const;
export type SignTrafficPeriod = (typeof SIGN_TRAFFIC_PERIODS)[number];
export const SIGN_TRAFFIC_INTERVALS = ['1m', '5m', '15m', '30m', '1h', '2h', '1d'] as const;
export type SignTrafficInterval = (typeof SIGN_TRAFFIC_INTERVALS)[number];
export const SIGN_TRAFFIC_RANK_BY = ['src_ip', 'dst_ip', 'src_port', 'dst_port', 'src_ip_port', 'dst_ip_port', 'protocol', 'app_id'] as const;
export type SignTrafficRankBy = (typeof SIGN_TRAFFIC_RANK_BY)[number];

/** How long each vendor period or interval lasts, for the interval-not-longer-than-period rule. */
export const SIGN_TRAFFIC_MINUTES: Readonly<Record<SignTrafficPeriod | SignTrafficInterval, number>> = {
  '1m': 1,
  '5m': 5,
  '15m': 15,
  '30m': 30,
  '1h': 60,
  '2h': 120,
  '24h': 24 * 60,
  '1d': 24 * 60,
  '7d': 7 * 24 * 60,
};

/** Counters pass 2^31 and bps can be fractional: any finite non-negative number. */
const amount = z.number().nonnegative();
/** Groups are addresses, ports or IDs; a port or protocol group may come as a number. */
const trafficGroup = z.union([z.string(), z.number()]).transform(String);

export const trafficTimeSeriesAnswer = z.object({
  cacheHit: z.boolean(),
  totalBytesProcessed: amount,
  traffics: z.array(
    z.object({
      group: trafficGroup,
      rank: z.number().int(),
      rates: z.array(z.object({ timestamp: dateTime, bps: amount, pps: amount })),
    }),
  ),
});
export type TrafficTimeSeriesAnswer = z.output<typeof trafficTimeSeriesAnswer>;

export const trafficStatisticsAnswer = z.object({
  cacheHit: z.boolean(),
  totalBytesProcessed: amount,
  trafficStatistics: z.array(
    z.object({
      group: trafficGroup,
      rank: z.number().int(),
      curValue: amount,
      avgValue: amount,
      maxValue: amount,
    }),
  ),
});
export type TrafficStatisticsAnswer = z.output<typeof trafficStatisticsAnswer>;

export const trafficTotalAnswer = z.object({ totalTraffic: amount, peakTraffic: amount });
export type TrafficTotalAnswer = z.output<typeof trafficTotalAnswer>;

/** Settings: flow-log retention per carrier kind, and the helpdesk contract. */
export const SIGN_CARRIERS = ['mvno', 'mno'] as const;
export type SignCarrier = (typeof SIGN_CARRIERS)[number];
/** Days; the vendor knows no other period, so any other number is a malformed answer. */
export const SIGN_RETENTION_PERIODS = [92, 184, 366] as const;
export type SignRetentionPeriod = (typeof SIGN_RETENTION_PERIODS)[number];

export const flowLogRetentionAnswer = z.object({
  flow: z.boolean(),
  period: z.literal(SIGN_RETENTION_PERIODS).nullable().default(null),
});
export type FlowLogRetentionAnswer = z.output<typeof flowLogRetentionAnswer>;

export const helpdeskAnswer = z.object({
  enabled: z.boolean(),
  startAt: dateTime.nullish().transform((value) => value ?? null),
});
export type HelpdeskAnswer = z.output<typeof helpdeskAnswer>;
