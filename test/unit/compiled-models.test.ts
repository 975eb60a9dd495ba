import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compiled } from '../../src/compiled-model.js';
import * as apex from '../../src/upstreams/apex/models.js';
import * as cybertrace from '../../src/upstreams/cybertrace/models.js';
import * as fileSafer from '../../src/upstreams/filesafer/models.js';
import * as sign from '../../src/upstreams/sign/models.js';

/**
 * The gateway checks every upstream answer (and every cached value) with its model compiled by zod
 * (src/compiled-model.ts). These tests hold it to what that promises: each model compiles (or it
 * would silently parse the slow way), and the compiled model answers exactly as the runtime parser
 * on each model's sample answer and on that answer with any one value changed: the same data when
 * accepted, the same issues when refused.
 */

/** Every zod model the four upstream modules export, by name (a record of models, as `threatSummaryPage`, by each key). */
function exportedModels(): Map<string, z.ZodType> {
  const models = new Map<string, z.ZodType>();
  for (const [upstream, module] of Object.entries({ apex, cybertrace, fileSafer, sign })) {
    for (const [name, value] of Object.entries(module)) {
      if (value instanceof z.ZodType) models.set(`${upstream}.${name}`, value);
      else if (value && typeof value === 'object' && Object.values(value).every((item) => item instanceof z.ZodType)) {
        for (const [key, item] of Object.entries(value)) models.set(`${upstream}.${name}.${key}`, item as z.ZodType);
      }
    }
  }
  return models;
}

const time = '2026-11-19T09:46:36.000Z';
const threatSummary = {
  receiveTime: time,
  recordCount: 3,
  simId: '440101234567890',
  detectedTarget: 'a.example',
  threatSeverity: 'high',
  threatType: 'phishing',
};
const threatDetail = {
  receiveTime: time,
  threatSeverity: 'critical',
  threatType: 'malware',
  detectedTarget: '198.51.100.7',
  sourceAddress: '10.0.0.1',
  destinationAddress: '198.51.100.7',
  sourcePort: '9215',
  destinationPort: 443,
  lineType: 'INT',
};
const flow = {
  flowStartMilliseconds: time,
  flowEndMilliseconds: '2026-11-19T09:46:37.500Z',
  ipv4SrcAddr: '10.0.0.1',
  ipv4DstAddr: '192.0.2.5',
  appId: 218104303,
  l4SrcPort: 50312,
  protocol: 6,
  inBytes: 1200,
  inPkts: 3,
  simId: '440101234567890',
};
const category = { category: 'Malicious URL', detected_indicator: 'a.example', context: { MD5: 'x', score: 90, confirmed: true, note: null } };
const lookupItem = { object: 'a.example', result: 'detected', categories: [category], detects: null, reason: null };
const hashMatch = { hashType: 'sha1', hashCode: 'da39a3ee5e6b4b0d3255bfef95601890afd80709', group: 'MAL', result: null };
const listedObject = {
  type: 'file',
  content: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  notes: 'seen',
  scan_action: 'block',
  expiration_utc_date: '2026-12-31T00:00:00Z',
};

/** One answer each model accepts, with optional fields both given and left out where a model has them. */
const SAMPLES: Record<string, unknown> = {
  'sign.signErrorBody': { errorCode: 4001, errorMessages: ['simId is invalid'] },
  'sign.threatSummaryRow': threatSummary,
  'sign.threatDetailRow': threatDetail,
  'sign.flowRow': flow,
  'sign.threatSummaryPage.OTHER': {
    threatSummaries: [threatSummary, { ...threatSummary, simName: 'Osaka', profileStatus: 'active', isLocked: false }],
    total: 40,
  },
  'sign.threatSummaryPage.IP': { trafficSummaries: [{ ...threatSummary, simName: null, isLocked: true }], total: 1 },
  'sign.threatDetailPage.OTHER': {
    threats: [threatDetail, { ...threatDetail, application: 'web', ipProtocol: 'tcp', stream: 'UP', sourcePort: '' }],
    total: 2,
  },
  'sign.threatDetailPage.IP': { traffics: [{ ...threatDetail, destinationPort: null, stream: null }], total: 1 },
  'sign.flowPage': { flowCollectors: [flow, { ...flow, appId: 'http', l4SrcPort: null, l4DstPort: 443 }], total: 2_000 },
  'sign.trafficTimeSeriesAnswer': {
    cacheHit: false,
    totalBytesProcessed: 1_048_576,
    traffics: [
      { group: '10.0.0.1', rank: 1, rates: [{ timestamp: time, bps: 1200.5, pps: 3 }] },
      { group: 443, rank: 2, rates: [] },
    ],
  },
  'sign.trafficStatisticsAnswer': {
    cacheHit: true,
    totalBytesProcessed: 0,
    trafficStatistics: [{ group: 6, rank: 1, curValue: 1, avgValue: 0.5, maxValue: 2 }],
  },
  'sign.trafficTotalAnswer': { totalTraffic: 3_000_000_000, peakTraffic: 12.5 },
  'sign.flowLogRetentionAnswer': { flow: true, period: 184 },
  'sign.helpdeskAnswer': { enabled: true, startAt: time },
  'cybertrace.lookupCategory': category,
  'cybertrace.lookupItem': lookupItem,
  'cybertrace.lookupAnswer': [lookupItem, { object: '203.0.113.9', result: 'not detected' }, { object: 'x', result: 'error', reason: 'bad indicator' }],
  'cybertrace.lookupErrorBody': [{ status: 'error', reason: 'no such version' }],
  'cybertrace.reputation': {
    verdict: 'DETECTED',
    detections: [{ category: 'Malicious URL', matchedIndicator: 'a.example', context: [{ name: 'score', value: '90' }] }],
    errorReason: null,
  },
  'fileSafer.fileSaferEnvelope': { returnCode: 0, returnMessage: 'success' },
  'fileSafer.checkHashAnswer': { hashCheckResultList: [hashMatch, { hashType: 'md5', hashCode: 'd41d8cd98f00b204e9800998ecf8427e' }] },
  'fileSafer.thresholdNotiConfigAnswer': { thresholdNotificationInfoList: [{ notificationType: 'MAL', referenceTime: 10, thresholdValue: 5 }] },
  'fileSafer.ncpGatewayErrorBody': { error: { errorCode: 401, message: 'Authentication Failed', details: 'Invalid signature' } },
  'fileSafer.hashCheck': { malicious: true, matches: [{ ...hashMatch, result: 'MAL' }] },
  'apex.apexSuspiciousObject': { type: 'domain', content: 'a.example', notes: null, scanAction: 'log', expiresAt: '2026-12-31T00:00:00.000Z' },
  'apex.apexEnvelope': { Meta: { Result: 1, ErrorCode: 0, ErrorMsg: '' } },
  'apex.listAnswer': { Data: [listedObject, { type: 'ip', content: '203.0.113.9', notes: '', scan_action: 'log', expiration_utc_date: '' }] },
};

/** What a parse answers, in a form two parses can be compared by. */
function verdict(result: z.ZodSafeParseResult<unknown>) {
  return result.success ? { data: result.data } : { issues: result.error.issues };
}

type Path = (string | number)[];

/** Every place in a JSON value: each key of each object, each element of each array. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...path, index], ...pathsOf(item, [...path, index])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [[...path, key], ...pathsOf(item, [...path, key])]);
  return [];
}

const REMOVED = Symbol('removed');

/** A copy of `value` with what is at `path` replaced (or removed). */
function changedAt(value: unknown, path: Path, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === REMOVED) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

/** Values an upstream might send where another was expected: each type, the edges of numbers and enums, times and not-times. */
const ODD_VALUES: unknown[] = [
  REMOVED,
  null,
  undefined,
  '',
  'text',
  '9215',
  '70000',
  time,
  '2026-13-01T00:00:00.000Z',
  '2026-12-31T00:00:00Z',
  'high',
  'UP',
  'block',
  0,
  -1,
  1.5,
  184,
  65_536,
  2 ** 53,
  true,
  false,
  {},
  [],
  ['x'],
  { extra: 1 },
];

const models = exportedModels();

describe('upstream models, compiled', () => {
  it('every model of an upstream answer or a cached value has a sample here, and compiles', () => {
    expect([...models.keys()].sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const [name, model] of models) {
      expect(() => z.compile(model, { strict: true }), name).not.toThrow();
      expect(compiled(model), `${name} is used compiled`).not.toBe(model);
    }
  });

  it.each([...models.keys()])('%s: the same answer as the runtime parser, for its sample and for any one value changed', (name) => {
    const model = models.get(name)!;
    const sample = SAMPLES[name];
    expect(compiled(model).safeParse(sample).success, 'the sample is accepted').toBe(true);
    for (const input of [sample, ...pathsOf(sample).flatMap((path) => ODD_VALUES.map((odd) => changedAt(sample, path, odd)))]) {
      expect(verdict(compiled(model).safeParse(input)), JSON.stringify(input)).toEqual(verdict(model.safeParse(input)));
    }
  });

  it('the same answer as the runtime parser for any JSON at any place of any sample', () => {
    const names = [...models.keys()];
    const placed = fc
      .constantFrom(...names)
      .chain((name) => fc.tuple(fc.constant(name), fc.constantFrom(...pathsOf(SAMPLES[name])), fc.jsonValue({ maxDepth: 3 })));
    fc.assert(
      fc.property(placed, ([name, path, value]) => {
        const model = models.get(name)!;
        const input = changedAt(SAMPLES[name], path, value);
        expect(verdict(compiled(model).safeParse(input))).toEqual(verdict(model.safeParse(input)));
      }),
      { numRuns: 5_000 },
    );
  });
});
