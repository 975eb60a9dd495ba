import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import type { FlowLogQuery } from '../../upstreams/sign/client.js';
import type { SignLineType } from '../../upstreams/sign/models.js';
import { builder } from '../builder.js';
import type { ConnectionArgs } from '../paging/connection-args.js';
import { FROM_AFTER_TO_MESSAGE, ipv4Rule, portRule, protocolRule, simIdPartRule } from '../validators.js';
import { loadSignPage, resolveTotalCount } from './connections.js';
import { LineTypeEnum } from './enums.js';
import { EndpointRef, FlowRef, SimRef, TenantRef } from './refs.js';

/** SIGN flow logs (flow-collectors): calendar-date windows, filtered by SIM, addresses, ports, app and protocol. */

builder.objectType(FlowRef, {
  fields: (t) => ({
    startedAt: t.field({ type: 'DateTime', resolve: (row) => row.flowStartMilliseconds }),
    endedAt: t.field({ type: 'DateTime', resolve: (row) => row.flowEndMilliseconds }),
    source: t.field({ type: EndpointRef, resolve: (row) => ({ address: row.ipv4SrcAddr, port: row.l4SrcPort }) }),
    destination: t.field({ type: EndpointRef, resolve: (row) => ({ address: row.ipv4DstAddr, port: row.l4DstPort }) }),
    appId: t.exposeString('appId'),
    protocol: t.exposeInt('protocol'),
    inBytes: t.exposeFloat('inBytes'),
    inPackets: t.exposeFloat('inPkts'),
    sim: t.field({ type: SimRef, resolve: (row) => ({ tenantId: row.tenantId, simId: row.simId, lineType: row.lineType }) }),
  }),
});

export const FlowFilterInput = builder.inputType('FlowFilter', {
  fields: (t) => ({
    simIdContains: t.string({ validate: simIdPartRule }),
    sourceAddress: t.string({ validate: ipv4Rule }),
    destinationAddress: t.string({ validate: ipv4Rule }),
    sourcePort: t.int({ validate: portRule }),
    destinationPort: t.int({ validate: portRule }),
    appId: t.int({ validate: z.number().int().min(0, 'appId is a non-negative NBAR application ID') }),
    protocol: t.int({ validate: protocolRule }),
  }),
});

const FlowConnection = builder.connectionObject({
  type: FlowRef,
  name: 'FlowConnection',
  fields: (t) => ({ totalCount: t.int({ resolve: resolveTotalCount }) }),
});

type FlowFilter = Partial<Record<'simIdContains' | 'sourceAddress' | 'destinationAddress', string | null>> &
  Partial<Record<'sourcePort' | 'destinationPort' | 'appId' | 'protocol', number | null>>;

interface FlowArgs extends ConnectionArgs {
  from: string;
  to: string;
  filter?: FlowFilter | null;
}

// loose: the plugin passes on what the rule returns, and the other arguments must survive it.
const dateWindowRule = z.looseObject({ from: z.string(), to: z.string() }).refine((args) => args.from <= args.to, { message: FROM_AFTER_TO_MESSAGE, path: ['from'] });

function flows(ctx: GatewayContext, tenantId: string, lineType: SignLineType, args: FlowArgs, field: string, simId?: string) {
  const filter = Object.fromEntries(Object.entries(args.filter ?? {}).filter(([, value]) => value !== null && value !== undefined)) as Omit<FlowLogQuery, 'tenantId' | 'lineType' | 'from' | 'to'>;
  const query: FlowLogQuery = { tenantId, lineType, from: args.from, to: args.to, ...filter, ...(simId === undefined ? {} : { simIdContains: simId }) };
  return loadSignPage(ctx, field, args, { ...query }, async (page) => {
    const { rows, total } = await ctx.sign.flowLogs(query, page);
    return { rows: rows.map((row) => ({ ...row, tenantId, lineType })), total };
  });
}

builder.objectField(TenantRef, 'flows', (t) =>
  t.connection(
    {
      type: FlowRef,
      nullable: true,
      args: {
        lineType: t.arg({ type: LineTypeEnum, required: true }),
        from: t.arg({ type: 'Date', required: true }),
        to: t.arg({ type: 'Date', required: true }),
        filter: t.arg({ type: FlowFilterInput, required: false }),
      },
      validate: dateWindowRule,
      resolve: (tenant, args, ctx) => flows(ctx, tenant.tenantId, args.lineType, args, 'Tenant.flows'),
    },
    FlowConnection,
  ),
);

builder.objectField(SimRef, 'flows', (t) =>
  t.connection(
    {
      type: FlowRef,
      nullable: true,
      args: {
        from: t.arg({ type: 'Date', required: true }),
        to: t.arg({ type: 'Date', required: true }),
        filter: t.arg({ type: FlowFilterInput, required: false }),
      },
      validate: dateWindowRule,
      // The SIM's own ID narrows the list; a filter's simIdContains cannot widen it.
      resolve: (sim, args, ctx) => flows(ctx, sim.tenantId, sim.lineType, args, 'Sim.flows', sim.simId),
    },
    FlowConnection,
  ),
);
