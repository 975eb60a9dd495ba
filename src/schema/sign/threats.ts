import type { ArgBuilder } from '@pothos/core';
import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import type { SignLineType, SignSeverity, ThreatDetailRow, ThreatKind, ThreatSummaryRow } from '../../upstreams/sign/models.js';
import { builder } from '../builder.js';
import type { ConnectionArgs } from '../paging/connection-args.js';
import { FROM_AFTER_TO_MESSAGE, simIdPartRule, simIdRule } from '../validators.js';
import { loadSignPage, SIGN_TOTAL_COUNT } from './connections.js';
import { LineTypeEnum, ThreatKindEnum, ThreatSeverityEnum, TrafficDirectionEnum, unsupportedIpSeverities } from './enums.js';
import { EndpointRef, SimRef, TenantRef, ThreatRef, type ThreatShape, ThreatSummaryRef, type ThreatSummaryShape } from './refs.js';

/** SIGN threat detections: summaries (per SIM and target) and details (per SIM), both kinds. */

builder.objectType(EndpointRef, {
  description: 'One end of a detected connection or flow.',
  fields: (t) => ({
    address: t.exposeString('address', { description: 'The IPv4 address.' }),
    port: t.exposeInt('port', { nullable: true, description: 'The TCP/UDP port, 0 to 65535; null when SIGN gives none (such as for ICMP).' }),
  }),
});

/**
 * A SIGN threat-summary row as the graph's ThreatSummary: each field under its graph name, so every
 * field of ThreatSummary but its joins reads a property. A field with a resolver costs graphql-jit,
 * for every row, a resolve-info object, a response path and three closures (see flowOf in flows.ts).
 */
export function threatSummaryOf(row: ThreatSummaryRow, kind: ThreatKind, tenantId: string, lineType: SignLineType): ThreatSummaryShape {
  return {
    kind,
    receivedAt: row.receiveTime,
    recordCount: row.recordCount,
    sim: { tenantId, simId: row.simId, lineType },
    simName: row.simName,
    profileStatus: row.profileStatus,
    isLocked: row.isLocked,
    target: row.detectedTarget,
    severity: row.threatSeverity,
    threatType: row.threatType,
  };
}

builder.objectType(ThreatSummaryRef, {
  description: 'SIGN threat summary: the detections of one target on one SIM, counted (one row per SIM and target).',
  fields: (t) => ({
    kind: t.expose('kind', { type: ThreatKindEnum, description: 'IP pair or other target.' }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime', description: 'When SIGN received the latest of these detections, UTC.' }),
    recordCount: t.exposeInt('recordCount', { description: 'How many detections this summary counts.' }),
    sim: t.expose('sim', { type: SimRef, description: 'The SIM the detections were made on.' }),
    simName: t.exposeString('simName', { nullable: true, description: 'The name the tenant gave the SIM; null when it has none.' }),
    profileStatus: t.exposeString('profileStatus', {
      nullable: true,
      description: "The SIM's security profile status as SIGN spells it, such as active or inactive; null when SIGN gives none.",
    }),
    isLocked: t.exposeBoolean('isLocked', { nullable: true, description: 'The SIM is locked (its traffic stopped); null when SIGN does not say.' }),
    target: t.exposeString('target', {
      description: 'What was detected, as SIGN sent it (detectedTarget): a domain, URL, or an IP pair `<SIM address>/<remote address>`.',
    }),
    severity: t.expose('severity', { type: ThreatSeverityEnum, description: "SIGN's severity." }),
    threatType: t.exposeString('threatType', { description: "SIGN's threat category, such as spyware or phishing." }),
  }),
});

/** A SIGN threat-detail row as the graph's Threat, as threatSummaryOf does for summaries. */
function threatOf(row: ThreatDetailRow, kind: ThreatKind): ThreatShape {
  return {
    kind,
    receivedAt: row.receiveTime,
    severity: row.threatSeverity,
    threatType: row.threatType,
    target: row.detectedTarget,
    application: row.application,
    ipProtocol: row.ipProtocol,
    direction: row.stream,
    source: { address: row.sourceAddress, port: row.sourcePort },
    destination: { address: row.destinationAddress, port: row.destinationPort },
    lineType: row.lineType,
  };
}

builder.objectType(ThreatRef, {
  description: 'One SIGN threat detection on a SIM (threat details): when, what, and both ends of the connection.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ThreatKindEnum, description: 'IP pair or other target.' }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime', description: 'When SIGN received the detection, UTC.' }),
    severity: t.expose('severity', { type: ThreatSeverityEnum, description: "SIGN's severity." }),
    threatType: t.exposeString('threatType', { description: "SIGN's threat category, such as spyware or phishing." }),
    target: t.exposeString('target', {
      description: 'What was detected, as SIGN sent it (detectedTarget): a domain, URL, or an IP pair `<SIM address>/<remote address>`.',
    }),
    application: t.exposeString('application', { nullable: true, description: 'The application SIGN recognised in the traffic; null when none.' }),
    ipProtocol: t.exposeString('ipProtocol', { nullable: true, description: 'The IP protocol as SIGN names it, such as tcp; null when SIGN gives none.' }),
    direction: t.expose('direction', { type: TrafficDirectionEnum, nullable: true, description: 'Which way the traffic went; null when SIGN does not say.' }),
    source: t.expose('source', { type: EndpointRef, description: 'Where the detected connection came from.' }),
    destination: t.expose('destination', { type: EndpointRef, description: 'Where it went.' }),
    lineType: t.expose('lineType', { type: LineTypeEnum, description: 'The line the SIM is on.' }),
  }),
});

const ThreatSummaryConnection = builder.connectionObject(
  {
    type: ThreatSummaryRef,
    name: 'ThreatSummaryConnection',
    description: 'A page of SIGN threat summaries, newest first.',
    fields: (t) => ({ totalCount: t.int(SIGN_TOTAL_COUNT) }),
  },
  { name: 'ThreatSummaryEdge', description: 'A threat summary with its cursor.' },
);

const ThreatConnection = builder.connectionObject(
  {
    type: ThreatRef,
    name: 'ThreatConnection',
    description: 'A page of SIGN threat detections, newest first.',
    fields: (t) => ({ totalCount: t.int(SIGN_TOTAL_COUNT) }),
  },
  { name: 'ThreatEdge', description: 'A threat detection with its cursor.' },
);

interface ThreatWindowArgs extends ConnectionArgs {
  kind: ThreatKind;
  lineType: SignLineType;
  from: Date;
  to: Date;
  severities?: SignSeverity[] | null;
}

/**
 * A threat list's arguments, checked before any upstream call in one rule on the whole set
 * (`argumentsRule`, arguments-rule.ts): the window, IP's severities, and (`simIds`) the list's own
 * SIM-ID argument. The SIM ID is checked here rather than by a rule on its argument: any argument
 * with a rule of its own makes Pothos copy and walk every argument of the field on each request, ~3%
 * of a 20-row page's CPU (bench/README.md, "Twenty-second pass"); an issue here names the argument
 * as that rule's did.
 */
// loose: the field resolves with what the rule returns, and the other arguments must survive it.
function threatListRule<SimIds extends z.ZodRawShape>(simIds: SimIds) {
  return z
    .looseObject({ kind: z.string(), from: z.date(), to: z.date(), severities: z.array(z.string()).nullish(), ...simIds })
    .refine((args) => (args.from as Date) <= (args.to as Date), { message: FROM_AFTER_TO_MESSAGE, path: ['from'] })
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
}

function threatSummaries(ctx: GatewayContext, tenantId: string, args: ThreatWindowArgs & { simIdContains?: string | null }, field: string) {
  const { kind, lineType, from, to } = args;
  const severities = args.severities ?? undefined;
  const simIdContains = args.simIdContains ?? undefined;
  return loadSignPage(
    ctx,
    field,
    args,
    { tenantId, kind, lineType, severities, simIdContains, from, to },
    async (page, pinnedTo) => {
      const { rows, total } = await ctx.sign.threatSummaries(kind, { tenantId, lineType, from, to: pinnedTo ?? to, severities, simIdContains }, page);
      return { rows: rows.map((row) => threatSummaryOf(row, kind, tenantId, lineType)), total };
    },
    { from, to },
  );
}

function threats(ctx: GatewayContext, tenantId: string, simId: string, args: ThreatWindowArgs, field: string) {
  const { kind, lineType, from, to } = args;
  return loadSignPage(
    ctx,
    field,
    args,
    { tenantId, simId, kind, lineType, from, to },
    async (page, pinnedTo) => {
      const { rows, total } = await ctx.sign.threatDetails(kind, { tenantId, simId, lineType, from, to: pinnedTo ?? to }, page);
      return { rows: rows.map((row) => threatOf(row, kind)), total };
    },
    { from, to },
  );
}

/**
 * The arguments the four threat lists share, each described once. Makers over the field's own
 * `t.arg`, not one `builder.args` object spread into every field: each field gets its own refs,
 * and Pothos still infers its resolver's argument types from them.
 */
function threatArgs(arg: ArgBuilder<(typeof builder)['$inferSchemaTypes']>) {
  return {
    kind: () =>
      arg({ type: ThreatKindEnum, required: true, description: 'IP-pair detections or the others (domains, URLs, ...): SIGN keeps them in separate lists.' }),
    lineType: () => arg({ type: LineTypeEnum, required: true, description: 'The line whose detections to list.' }),
    from: () => arg({ type: 'DateTime', required: true, description: 'Start of the window of receipt times (included), any zone.' }),
    to: () =>
      arg({
        type: 'DateTime',
        required: true,
        description:
          'End of the window (included); not before `from`. A `to` in the future is pinned when the first page is read, so later pages see the same rows.',
      }),
    severities: () =>
      arg({
        type: [ThreatSeverityEnum],
        required: false,
        description: 'Only these severities; omitted or null: all. With kind IP only CRITICAL, HIGH and OTHER exist.',
      }),
  };
}

/** What the Tenant and Sim fields of each list share besides their arguments and their rule (threatListRule). */
const THREAT_SUMMARIES_FIELD = {
  type: ThreatSummaryRef,
  nullable: true,
  description: 'SIGN threat summaries (one row per SIM and target) received in the window, newest first; null, with an error naming sign, when SIGN fails.',
} as const;
const THREATS_FIELD = {
  type: ThreatRef,
  nullable: true,
  description:
    'SIGN threat detections of one SIM received in the window, newest first; null, with an error naming sign, when SIGN fails (NOT_FOUND for an unknown SIM).',
} as const;

builder.objectFields(TenantRef, (t) => {
  const arg = threatArgs(t.arg);
  return {
    threatSummaries: t.connection(
      {
        ...THREAT_SUMMARIES_FIELD,
        argumentsRule: threatListRule({ simIdContains: simIdPartRule.nullish() }),
        args: {
          kind: arg.kind(),
          lineType: arg.lineType(),
          from: arg.from(),
          to: arg.to(),
          severities: arg.severities(),
          simIdContains: t.arg.string({ required: false, description: 'Only SIMs whose ID contains these digits; omitted: every SIM.' }),
        },
        resolve: (tenant, args, ctx) => threatSummaries(ctx, tenant.tenantId, args, 'Tenant.threatSummaries'),
      },
      ThreatSummaryConnection,
    ),
    threats: t.connection(
      {
        ...THREATS_FIELD,
        argumentsRule: threatListRule({ simId: simIdRule }),
        args: {
          kind: arg.kind(),
          simId: t.arg.string({ required: true, description: 'The SIM whose detections to list: digits only.' }),
          lineType: arg.lineType(),
          from: arg.from(),
          to: arg.to(),
        },
        resolve: (tenant, args, ctx) => threats(ctx, tenant.tenantId, args.simId, args, 'Tenant.threats'),
      },
      ThreatConnection,
    ),
  };
});

builder.objectFields(SimRef, (t) => {
  const arg = threatArgs(t.arg);
  // The SIM ID is the parent's: no argument of its own to check. One rule for both lists, compiled once.
  const simListRule = threatListRule({});
  return {
    threatSummaries: t.connection(
      {
        ...THREAT_SUMMARIES_FIELD,
        argumentsRule: simListRule,
        args: {
          kind: arg.kind(),
          from: arg.from(),
          to: arg.to(),
          severities: arg.severities(),
        },
        // SIGN matches simId partially; SIM IDs have one length, so the whole ID matches only itself.
        resolve: (sim, args, ctx) => threatSummaries(ctx, sim.tenantId, { ...args, lineType: sim.lineType, simIdContains: sim.simId }, 'Sim.threatSummaries'),
      },
      ThreatSummaryConnection,
    ),
    threats: t.connection(
      {
        ...THREATS_FIELD,
        argumentsRule: simListRule,
        args: {
          kind: arg.kind(),
          from: arg.from(),
          to: arg.to(),
        },
        resolve: (sim, args, ctx) => threats(ctx, sim.tenantId, sim.simId, { ...args, lineType: sim.lineType }, 'Sim.threats'),
      },
      ThreatConnection,
    ),
  };
});
