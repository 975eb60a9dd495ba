import { detectIndicator, indicatorsOfTarget, INDICATOR_KINDS, type DetectedIndicator } from '../indicators/kind.js';
import { builder } from './builder.js';
import { EndpointRef, ThreatRef, ThreatSummaryRef } from './sign/refs.js';

/**
 * One Indicator type joins the SIGN graph to the intelligence upstreams: its kind is detected
 * from the value; its reputation comes from Kaspersky CyberTrace (one lookup per operation).
 * File Safer (hashCheck) and Apex Central (suspiciousObject) attach their own fields in their modules.
 */

// Reputation and its parts are values (no identity, the same wherever resolved): @shareable, so another
// subgraph may return them too.

export const IndicatorRef = builder.objectRef<DetectedIndicator>('Indicator');

export const IndicatorKindEnum = builder.enumType('IndicatorKind', { values: INDICATOR_KINDS });
const VerdictEnum = builder.enumType('Verdict', { values: ['DETECTED', 'NOT_DETECTED', 'ERROR'] as const });

const ContextFieldRef = builder.objectRef<{ name: string; value: string }>('ContextField').implement({
  shareable: true,
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeString('value') }),
});

const DetectionRef = builder
  .objectRef<{ category: string; matchedIndicator: string; context: { name: string; value: string }[] }>('Detection')
  .implement({
    shareable: true,
    fields: (t) => ({
      category: t.exposeString('category'),
      matchedIndicator: t.exposeString('matchedIndicator'),
      context: t.field({ type: [ContextFieldRef], resolve: (detection) => detection.context }),
    }),
  });

const ReputationRef = builder
  .objectRef<{ verdict: 'DETECTED' | 'NOT_DETECTED' | 'ERROR'; detections: { category: string; matchedIndicator: string; context: { name: string; value: string }[] }[]; errorReason: string | null }>('Reputation')
  .implement({
    shareable: true,
    fields: (t) => ({
      verdict: t.expose('verdict', { type: VerdictEnum }),
      detections: t.field({ type: [DetectionRef], resolve: (reputation) => reputation.detections }),
      errorReason: t.exposeString('errorReason', { nullable: true }),
    }),
  });

builder.node(IndicatorRef, {
  id: { resolve: (indicator) => indicator.value },
  loadOne: (value) => detectIndicator(value),
  fields: (t) => ({
    value: t.exposeString('value'),
    kind: t.expose('kind', { type: IndicatorKindEnum }),
    reputation: t.field({
      type: ReputationRef,
      nullable: true,
      description: 'Kaspersky CyberTrace lookup; one upstream call serves every indicator of an operation.',
      resolve: (indicator, _args, ctx) =>
        indicator.kind === 'UNKNOWN'
          ? { verdict: 'ERROR' as const, detections: [], errorReason: 'Not sent to CyberTrace: the value is not an IPv4 address, domain, URL, MD5, SHA-1 or SHA-256' }
          : ctx.loaders.reputation.load(indicator.value),
    }),
  }),
});

builder.queryFields((t) => ({
  indicator: t.field({
    type: IndicatorRef,
    description: 'Any IPv4 address, domain, URL, MD5, SHA-1 or SHA-256 value; its kind is detected.',
    args: { value: t.arg.string({ required: true }) },
    resolve: (_root, { value }) => detectIndicator(value),
  }),
  indicators: t.field({
    type: [IndicatorRef],
    description: 'One indicator per value, in the order given (duplicates included); upstreams see each value once.',
    args: { values: t.arg.stringList({ required: true }) },
    resolve: (_root, { values }) => values.map(detectIndicator),
  }),
}));

builder.objectFields(ThreatSummaryRef, (t) => ({
  targetIndicators: t.field({
    type: [IndicatorRef],
    description: 'What the target names: one indicator for a domain, two for an IP pair such as 192.168.11.2/117.219.34.162.',
    resolve: (row) => indicatorsOfTarget(row.detectedTarget),
  }),
}));

builder.objectFields(ThreatRef, (t) => ({
  targetIndicators: t.field({ type: [IndicatorRef], resolve: (row) => indicatorsOfTarget(row.detectedTarget) }),
}));

builder.objectField(EndpointRef, 'indicator', (t) => t.field({ type: IndicatorRef, resolve: (endpoint) => detectIndicator(endpoint.address) }));
