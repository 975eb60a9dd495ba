import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import type { SignLineType, SignSeverity, ThreatKind } from '../../upstreams/sign/models.js';
import { builder } from '../builder.js';
import type { ConnectionArgs } from '../paging/connection-args.js';
import { FROM_AFTER_TO_MESSAGE, simIdPartRule, simIdRule } from '../validators.js';
import { loadSignPage, resolveTotalCount } from './connections.js';
import { LineTypeEnum, ThreatKindEnum, ThreatSeverityEnum, TrafficDirectionEnum, unsupportedIpSeverities } from './enums.js';
import { EndpointRef, SimRef, TenantRef, ThreatRef, ThreatSummaryRef } from './refs.js';

/** SIGN threat detections: summaries (per SIM and target) and details (per SIM), both kinds. */

builder.objectType(EndpointRef, {
  description: 'One end of a detected connection or flow.',
  fields: (t) => ({
    address: t.exposeString('address'),
    port: t.exposeInt('port', { nullable: true }),
  }),
});

builder.objectType(ThreatSummaryRef, {
  fields: (t) => ({
    kind: t.expose('kind', { type: ThreatKindEnum }),
    receivedAt: t.field({ type: 'DateTime', resolve: (row) => row.receiveTime }),
    recordCount: t.exposeInt('recordCount'),
    sim: t.field({ type: SimRef, resolve: (row) => ({ tenantId: row.tenantId, simId: row.simId, lineType: row.lineType }) }),
    simName: t.exposeString('simName', { nullable: true }),
    profileStatus: t.exposeString('profileStatus', { nullable: true }),
    isLocked: t.exposeBoolean('isLocked', { nullable: true }),
    target: t.exposeString('detectedTarget', { description: 'The upstream detectedTarget, as sent.' }),
    severity: t.expose('threatSeverity', { type: ThreatSeverityEnum }),
    threatType: t.exposeString('threatType'),
  }),
});

builder.objectType(ThreatRef, {
  fields: (t) => ({
    kind: t.expose('kind', { type: ThreatKindEnum }),
    receivedAt: t.field({ type: 'DateTime', resolve: (row) => row.receiveTime }),
    severity: t.expose('threatSeverity', { type: ThreatSeverityEnum }),
    threatType: t.exposeString('threatType'),
    target: t.exposeString('detectedTarget'),
    application: t.exposeString('application', { nullable: true }),
    ipProtocol: t.exposeString('ipProtocol', { nullable: true }),
    direction: t.expose('stream', { type: TrafficDirectionEnum, nullable: true }),
    source: t.field({ type: EndpointRef, resolve: (row) => ({ address: row.sourceAddress, port: row.sourcePort }) }),
    destination: t.field({ type: EndpointRef, resolve: (row) => ({ address: row.destinationAddress, port: row.destinationPort }) }),
    lineType: t.expose('lineType', { type: LineTypeEnum }),
  }),
});

const ThreatSummaryConnection = builder.connectionObject({
  type: ThreatSummaryRef,
  name: 'ThreatSummaryConnection',
  fields: (t) => ({ totalCount: t.int({ resolve: resolveTotalCount }) }),
});

const ThreatConnection = builder.connectionObject({
  type: ThreatRef,
  name: 'ThreatConnection',
  fields: (t) => ({ totalCount: t.int({ resolve: resolveTotalCount }) }),
});

interface ThreatWindowArgs extends ConnectionArgs {
  kind: ThreatKind;
  lineType: SignLineType;
  from: Date;
  to: Date;
  severities?: SignSeverity[] | null;
}

/** Checked before any upstream call, on the whole argument set. */
// loose: the plugin passes on what the rule returns, and the other arguments must survive it.
const threatWindowRule = z
  .looseObject({ kind: z.string(), from: z.date(), to: z.date(), severities: z.array(z.string()).nullish() })
  .refine((args) => args.from <= args.to, { message: FROM_AFTER_TO_MESSAGE, path: ['from'] })
  .superRefine((args, ctx) => {
    const unsupported = args.kind === 'IP' ? unsupportedIpSeverities(args.severities as SignSeverity[] | null | undefined) : [];
    if (unsupported.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['severities'],
        message: `IP threats have only the severities CRITICAL, HIGH and OTHER; ${unsupported.map((s) => s.toUpperCase()).join(', ')} cannot be asked with kind: IP`,
      });
    }
  });

function threatSummaries(ctx: GatewayContext, tenantId: string, args: ThreatWindowArgs & { simIdContains?: string | null }, field: string) {
  const { kind, lineType, from, to } = args;
  const severities = args.severities ?? undefined;
  const simIdContains = args.simIdContains ?? undefined;
  return loadSignPage(
    ctx,
    field,
    args,
    { tenantId, kind, lineType, severities, simIdContains },
    async (page, pinnedTo) => {
      const { rows, total } = await ctx.sign.threatSummaries(kind, { tenantId, lineType, from, to: pinnedTo ?? to, severities, simIdContains }, page);
      return { rows: rows.map((row) => ({ ...row, tenantId, lineType })), total };
    },
    { from, to },
  );
}

function threats(ctx: GatewayContext, tenantId: string, simId: string, args: ThreatWindowArgs, field: string) {
  const { kind, lineType, from, to } = args;
  return loadSignPage(ctx, field, args, { tenantId, simId, kind, lineType }, (page, pinnedTo) => ctx.sign.threatDetails(kind, { tenantId, simId, lineType, from, to: pinnedTo ?? to }, page), {
    from,
    to,
  });
}

builder.objectFields(TenantRef, (t) => ({
  threatSummaries: t.connection(
    {
      type: ThreatSummaryRef,
      nullable: true,
      args: {
        kind: t.arg({ type: ThreatKindEnum, required: true }),
        lineType: t.arg({ type: LineTypeEnum, required: true }),
        from: t.arg({ type: 'DateTime', required: true }),
        to: t.arg({ type: 'DateTime', required: true }),
        severities: t.arg({ type: [ThreatSeverityEnum], required: false }),
        simIdContains: t.arg.string({ required: false, validate: simIdPartRule.nullish() }),
      },
      validate: threatWindowRule,
      resolve: (tenant, args, ctx) => threatSummaries(ctx, tenant.tenantId, args, 'Tenant.threatSummaries'),
    },
    ThreatSummaryConnection,
  ),
  threats: t.connection(
    {
      type: ThreatRef,
      nullable: true,
      args: {
        kind: t.arg({ type: ThreatKindEnum, required: true }),
        simId: t.arg.string({ required: true, validate: simIdRule }),
        lineType: t.arg({ type: LineTypeEnum, required: true }),
        from: t.arg({ type: 'DateTime', required: true }),
        to: t.arg({ type: 'DateTime', required: true }),
      },
      validate: threatWindowRule,
      resolve: (tenant, args, ctx) => threats(ctx, tenant.tenantId, args.simId, args, 'Tenant.threats'),
    },
    ThreatConnection,
  ),
}));

builder.objectFields(SimRef, (t) => ({
  threatSummaries: t.connection(
    {
      type: ThreatSummaryRef,
      nullable: true,
      args: {
        kind: t.arg({ type: ThreatKindEnum, required: true }),
        from: t.arg({ type: 'DateTime', required: true }),
        to: t.arg({ type: 'DateTime', required: true }),
        severities: t.arg({ type: [ThreatSeverityEnum], required: false }),
      },
      validate: threatWindowRule,
      // SIGN matches simId partially; SIM IDs have one length, so the whole ID matches only itself.
      resolve: (sim, args, ctx) => threatSummaries(ctx, sim.tenantId, { ...args, lineType: sim.lineType, simIdContains: sim.simId }, 'Sim.threatSummaries'),
    },
    ThreatSummaryConnection,
  ),
  threats: t.connection(
    {
      type: ThreatRef,
      nullable: true,
      args: {
        kind: t.arg({ type: ThreatKindEnum, required: true }),
        from: t.arg({ type: 'DateTime', required: true }),
        to: t.arg({ type: 'DateTime', required: true }),
      },
      validate: threatWindowRule,
      resolve: (sim, args, ctx) => threats(ctx, sim.tenantId, sim.simId, { ...args, lineType: sim.lineType }, 'Sim.threats'),
    },
    ThreatConnection,
  ),
}));
