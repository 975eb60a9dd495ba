import DataLoader from 'dataloader';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { GatewayContext } from '../context.js';
import { badUserInput, unauthenticated } from '../errors.js';
import type { Detection, FeedQuery } from '../feed/detections.js';
import type { IndicatorLoaders } from '../indicators/loaders.js';
import { indicatorsOfTarget } from '../indicators/kind.js';
import { assertTenantAccess } from '../security/tenant-access.js';
import { builder } from './builder.js';
import { LineTypeEnum, ThreatKindEnum, ThreatSeverityEnum, unsupportedIpSeverities } from './sign/enums.js';
import { ThreatSummaryRef } from './sign/refs.js';
import { threatSummaryOf } from './sign/threats.js';
import { TYPE_OF_KIND } from './suspicious-objects.js';
import { simIdPartRule, tenantIdRule } from './validators.js';

/**
 * Subscription.threatDetected: new SIGN detections as they arrive, over Server-Sent Events. The
 * feed (src/feed/) polls SIGN once for every subscriber with the same question and delivers each
 * row once; here the arguments and the caller are checked, and each burst of rows is joined to
 * the intelligence upstreams with one batch per burst.
 */

builder.subscriptionType({
  description: 'Live feeds, over Server-Sent Events (GraphQL over SSE): send the subscription with `Accept: text/event-stream`.',
});

builder.subscriptionField('threatDetected', (t) =>
  t.field({
    type: ThreatSummaryRef,
    description:
      'Each new SIGN threat summary of the tenant, once, from the moment of subscribing: SIGN is polled every GATEWAY_FEED_INTERVAL_SECONDS for every subscriber with the same arguments, each poll reading back GATEWAY_FEED_OVERLAP_SECONDS for rows SIGN shows late. Within a poll, rows arrive in receivedAt order; a summary whose group gets a newer detection arrives again with the new receivedAt and recordCount.',
    args: {
      tenantId: t.arg.string({ required: true, description: 'The SIGN tenant, 32 characters 0-9a-f.' }),
      kind: t.arg({ type: ThreatKindEnum, required: true, description: 'IP or OTHER detections.' }),
      lineType: t.arg({ type: LineTypeEnum, required: true, description: 'The line type of the SIMs watched.' }),
      severities: t.arg({
        type: [ThreatSeverityEnum],
        required: false,
        description: 'Only these severities; absent or empty: all (IP detections have CRITICAL, HIGH and OTHER only).',
      }),
      simIdContains: t.arg.string({ required: false, description: 'Only SIMs whose ID contains these digits.' }),
    },
    subscribe: (_root, args, ctx, info) => openThreatFeed(ctx, args, info),
    resolve: (detection) => threatSummaryOf(detection, detection.kind, detection.tenantId, detection.lineType),
  }),
);

interface ThreatFeedArgs {
  tenantId: string;
  kind: FeedQuery['kind'];
  lineType: FeedQuery['lineType'];
  severities?: FeedQuery['severities'] | null;
  simIdContains?: string | null;
}

/** Checked before the feed opens, so a refused subscription costs no SIGN call. */
function readFeedQuery(args: ThreatFeedArgs): FeedQuery {
  const tenantId = tenantIdRule.safeParse(args.tenantId);
  if (!tenantId.success) throw badUserInput(`tenantId: ${tenantId.error.issues[0]?.message}`);
  if (args.simIdContains != null) {
    const part = simIdPartRule.safeParse(args.simIdContains);
    if (!part.success) throw badUserInput(`simIdContains: ${part.error.issues[0]?.message}`);
  }
  const unsupported = args.kind === 'IP' ? unsupportedIpSeverities(args.severities) : [];
  if (unsupported.length > 0) {
    throw badUserInput(
      `severities: IP threats have only the severities CRITICAL, HIGH and OTHER; ${unsupported.map((s) => s.toUpperCase()).join(', ')} cannot be asked with kind: IP`,
    );
  }
  return {
    tenantId: tenantId.data,
    kind: args.kind,
    lineType: args.lineType,
    ...(args.severities?.length ? { severities: args.severities } : {}),
    ...(args.simIdContains == null ? {} : { simIdContains: args.simIdContains }),
  };
}

async function openThreatFeed(ctx: GatewayContext, args: ThreatFeedArgs, info: GraphQLResolveInfo): Promise<AsyncIterableIterator<Detection>> {
  const query = readFeedQuery(args);
  assertTenantAccess(ctx.caller, query.tenantId);
  if (ctx.signToken === undefined) throw unauthenticated('No SIGN token: send X-Auth-Token, or configure SIGN_AUTH_TOKEN.');
  const bursts = await ctx.feeds.subscribe(query, callerKey(ctx), ctx.signToken);
  return joinedDetections(ctx, bursts, selectedFieldNames(info));
}

/** The caller a subscription counts against: the token's subject; every unauthenticated caller is one. */
function callerKey(ctx: GatewayContext): string {
  return ctx.caller.subject === undefined ? 'unauthenticated' : `subject:${ctx.caller.subject}`;
}

/**
 * Each burst's rows one by one. Events run one after another, so before the first row of a
 * burst the joins it asks for are loaded for the whole burst at once (one CyberTrace lookup, one
 * Apex list call), through loaders fresh for that burst; each row then finds them loaded.
 * A burst that asks for joins counts as one request against the caller's rate limit: over it,
 * the rows still arrive (the shared poll has read them) and the joined fields are RATE_LIMITED.
 */
function joinedDetections(ctx: GatewayContext, bursts: AsyncIterableIterator<Detection[]>, selected: ReadonlySet<string>): AsyncIterableIterator<Detection> {
  const pending: Detection[] = [];
  const iterator: AsyncIterableIterator<Detection> = {
    async next() {
      while (pending.length === 0) {
        const burst = await bursts.next();
        if (burst.done) return { value: undefined, done: true };
        const refusal =
          selected.has('reputation') || selected.has('suspiciousObject') || selected.has('hashCheck') ? ((await ctx.rateBudget?.spend()) ?? null) : null;
        ctx.loaders = refusal === null ? ctx.newIndicatorLoaders() : refusingLoaders(refusal);
        if (refusal === null) loadJoinsOfBurst(ctx.loaders, burst.value, selected);
        pending.push(...burst.value);
      }
      return { value: pending.shift()!, done: false };
    },
    // Not a generator: return() must reach the feed even before the first event was asked for.
    async return() {
      pending.length = 0;
      await bursts.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** Loaders that answer every key with the same error, calling no upstream. */
function refusingLoaders(error: Error): IndicatorLoaders {
  const refusing = <Key, Value, CacheKey = Key>() => new DataLoader<Key, Value, CacheKey>(async (keys) => keys.map(() => error), { cache: false });
  return {
    reputation: refusing(),
    hashCheck: refusing(),
    suspiciousObject: refusing(),
    forgetSuspiciousObjects: async () => {},
  };
}

function loadJoinsOfBurst(loaders: IndicatorLoaders, burst: readonly Detection[], selected: ReadonlySet<string>): void {
  const indicators = burst.flatMap((row) => indicatorsOfTarget(row.detectedTarget)).filter((indicator) => indicator.kind !== 'UNKNOWN');
  // Errors reach the fields that read these answers; here they are only started.
  if (selected.has('reputation')) for (const indicator of indicators) loaders.reputation.load(indicator.value).catch(() => {});
  if (selected.has('suspiciousObject')) {
    for (const indicator of indicators) {
      const type = TYPE_OF_KIND[indicator.kind];
      if (type) loaders.suspiciousObject.load({ type, content: indicator.value }).catch(() => {});
    }
  }
}

/** Every field name the subscription selects under its root field, fragments included. */
function selectedFieldNames(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visitedFragments = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        names.add(selection.name.value);
        visit(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else if (!visitedFragments.has(selection.name.value)) {
        visitedFragments.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}
