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

const INDICATOR_KIND_DESCRIPTIONS: Record<(typeof INDICATOR_KINDS)[number], string> = {
  IPV4: 'An IPv4 address, such as 185.220.101.45.',
  DOMAIN: 'A domain name, lower-cased, such as c2.darkbeacon.io.',
  URL: 'A URL with http:// or https://.',
  MD5: 'An MD5 hash, 32 hexadecimal characters, lower-cased.',
  SHA1: 'A SHA-1 hash, 40 hexadecimal characters, lower-cased.',
  SHA256: 'A SHA-256 hash, 64 hexadecimal characters, lower-cased.',
  UNKNOWN: 'None of the above: no upstream is asked about it.',
};

export const IndicatorKindEnum = builder.enumType('IndicatorKind', {
  description: 'What an indicator value is, detected from its text.',
  values: Object.fromEntries(INDICATOR_KINDS.map((kind) => [kind, { description: INDICATOR_KIND_DESCRIPTIONS[kind] }])) as Record<
    (typeof INDICATOR_KINDS)[number],
    { description: string }
  >,
});
const VerdictEnum = builder.enumType('Verdict', {
  description: "Kaspersky CyberTrace's answer for one value.",
  values: {
    DETECTED: { description: 'CyberTrace matched the value in its threat feeds: see detections.' },
    NOT_DETECTED: { description: 'No feed matched the value: not known as bad (not proof it is clean).' },
    ERROR: { description: 'CyberTrace could not look the value up: see errorReason.' },
  } as const,
});

const ContextFieldRef = builder.objectRef<{ name: string; value: string }>('ContextField').implement({
  shareable: true,
  description: 'One item of context a CyberTrace feed gives with a detection, such as first_seen or threat_score.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The context name, as the feed spells it.' }),
    value: t.exposeString('value', { description: 'Its value, as text as the feed gives it (dates in the feed own format, such as 05.11.2026 19:44).' }),
  }),
});

const DetectionRef = builder.objectRef<{ category: string; matchedIndicator: string; context: { name: string; value: string }[] }>('Detection').implement({
  shareable: true,
  description: 'One CyberTrace feed match for the value.',
  fields: (t) => ({
    category: t.exposeString('category', { description: 'The feed category that matched, such as KL_Botnet_CnC_URL (custom feeds add their own).' }),
    matchedIndicator: t.exposeString('matchedIndicator', { description: 'The feed entry that matched: the value itself or a mask covering it.' }),
    context: t.field({
      type: [ContextFieldRef],
      description: 'What the feed says about the entry; empty when nothing.',
      resolve: (detection) => detection.context,
    }),
  }),
});

const ReputationRef = builder
  .objectRef<{
    verdict: 'DETECTED' | 'NOT_DETECTED' | 'ERROR';
    detections: { category: string; matchedIndicator: string; context: { name: string; value: string }[] }[];
    errorReason: string | null;
  }>('Reputation')
  .implement({
    shareable: true,
    description: 'Kaspersky CyberTrace reputation of one value.',
    fields: (t) => ({
      verdict: t.expose('verdict', { type: VerdictEnum, description: 'Detected, not detected, or not looked up.' }),
      detections: t.field({ type: [DetectionRef], description: 'The feed matches; empty unless DETECTED.', resolve: (reputation) => reputation.detections }),
      errorReason: t.exposeString('errorReason', { nullable: true, description: 'Why the value was not looked up; null unless ERROR.' }),
    }),
  });

builder.node(IndicatorRef, {
  description:
    'An IPv4 address, domain, URL or hash, joined across the intelligence upstreams: CyberTrace reputation, File Safer hash verdict, Apex Central block. Each of those fields is batched: one upstream call per operation serves every indicator in it.',
  id: { resolve: (indicator) => indicator.value },
  loadOne: (value) => detectIndicator(value),
  fields: (t) => ({
    value: t.exposeString('value', { description: 'The value, normalised: trimmed; domains and hashes lower-cased.' }),
    kind: t.expose('kind', { type: IndicatorKindEnum, description: 'What the value is, detected from its text.' }),
    reputation: t.field({
      type: ReputationRef,
      nullable: true,
      description:
        'Kaspersky CyberTrace lookup; one upstream call serves every indicator of an operation. ERROR (no call) for UNKNOWN values; null, with an error naming cybertrace, when CyberTrace fails.',
      resolve: (indicator, _args, ctx) =>
        indicator.kind === 'UNKNOWN'
          ? {
              verdict: 'ERROR' as const,
              detections: [],
              errorReason: 'Not sent to CyberTrace: the value is not an IPv4 address, domain, URL, MD5, SHA-1 or SHA-256',
            }
          : ctx.loaders.reputation.load(indicator.value),
    }),
  }),
});

builder.queryFields((t) => ({
  indicator: t.field({
    type: IndicatorRef,
    description: 'Any IPv4 address, domain, URL, MD5, SHA-1 or SHA-256 value; its kind is detected. Makes no call itself: its fields do.',
    args: { value: t.arg.string({ required: true, description: 'The value to look at, such as 185.220.101.45 or c2.darkbeacon.io.' }) },
    resolve: (_root, { value }) => detectIndicator(value),
  }),
  indicators: t.field({
    type: [IndicatorRef],
    description: 'One indicator per value, in the order given (duplicates included); upstreams see each value once.',
    args: { values: t.arg.stringList({ required: true, description: 'The values to look at; any mix of kinds.' }) },
    resolve: (_root, { values }) => values.map(detectIndicator),
  }),
}));

builder.objectFields(ThreatSummaryRef, (t) => ({
  targetIndicators: t.field({
    type: [IndicatorRef],
    description: 'What the target names: one indicator for a domain, two for an IP pair such as 192.168.11.2/117.219.34.162.',
    resolve: (row) => indicatorsOfTarget(row.target),
  }),
}));

builder.objectFields(ThreatRef, (t) => ({
  targetIndicators: t.field({
    type: [IndicatorRef],
    description: 'What the target names: one indicator for a domain or URL, two for an IP pair such as 192.168.11.2/117.219.34.162.',
    resolve: (row) => indicatorsOfTarget(row.target),
  }),
}));

builder.objectField(EndpointRef, 'indicator', (t) =>
  t.field({
    type: IndicatorRef,
    description: 'The address as an indicator: its CyberTrace reputation and Apex Central block.',
    resolve: (endpoint) => detectIndicator(endpoint.address),
  }),
);
