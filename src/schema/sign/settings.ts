import { assertTenantAccess } from '../../security/tenant-access.js';
import type { FlowLogRetentionSetting } from '../../upstreams/sign/client.js';
import type { FlowLogRetentionAnswer, HelpdeskAnswer } from '../../upstreams/sign/models.js';
import { builder } from '../builder.js';
import { tenantIdRule } from '../validators.js';
import { TenantRef } from './refs.js';

/** Tenant settings kept by SIGN: flow-log retention per carrier kind, and the helpdesk contract. */

export const CarrierTypeEnum = builder.enumType('CarrierType', {
  description: 'The kind of carrier line a retention setting applies to.',
  values: { MVNO: { value: 'mvno' }, MNO: { value: 'mno' } } as const,
});

/** Internal values are the days SIGN sends and answers. */
export const RetentionPeriodEnum = builder.enumType('RetentionPeriod', {
  values: { DAYS_92: { value: 92 }, DAYS_184: { value: 184 }, DAYS_366: { value: 366 } } as const,
});

const FlowLogRetentionRef = builder.objectRef<FlowLogRetentionAnswer>('FlowLogRetention');
const FlowLogRetentionPayloadRef = builder.objectRef<{ retention: FlowLogRetentionAnswer }>('FlowLogRetentionPayload');
const HelpdeskContractRef = builder.objectRef<HelpdeskAnswer>('HelpdeskContract');
const HelpdeskContractPayloadRef = builder.objectRef<{ helpdesk: HelpdeskAnswer }>('HelpdeskContractPayload');

builder.objectType(FlowLogRetentionRef, {
  fields: (t) => ({
    forwardingEnabled: t.exposeBoolean('flow', { description: 'Traffic is forwarded to the flow collector.' }),
    period: t.expose('period', { type: RetentionPeriodEnum, nullable: true, description: 'How long flow logs are kept.' }),
  }),
});

builder.objectType(FlowLogRetentionPayloadRef, {
  fields: (t) => ({ retention: t.field({ type: FlowLogRetentionRef, resolve: (payload) => payload.retention }) }),
});

builder.objectType(HelpdeskContractRef, {
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled'),
    startAt: t.field({ type: 'DateTime', nullable: true, description: 'When the contract started; null while there is none.', resolve: (contract) => contract.startAt }),
  }),
});

builder.objectType(HelpdeskContractPayloadRef, {
  fields: (t) => ({ helpdesk: t.field({ type: HelpdeskContractRef, resolve: (payload) => payload.helpdesk }) }),
});

const FlowLogRetentionInput = builder.inputType('FlowLogRetentionInput', {
  fields: (t) => ({
    carrier: t.field({ type: CarrierTypeEnum, description: "Omitted: SIGN's default carrier kind." }),
    forwardingEnabled: t.boolean({ required: true }),
    period: t.field({ type: RetentionPeriodEnum, description: 'Omitted: the period set before is kept.' }),
  }),
});

builder.objectFields(TenantRef, (t) => ({
  flowLogRetention: t.field({
    type: FlowLogRetentionRef,
    nullable: true,
    description: "Omitting carrier reads SIGN's default carrier kind.",
    args: { carrier: t.arg({ type: CarrierTypeEnum, required: false }) },
    resolve: (tenant, { carrier }, ctx) => ctx.sign.flowLogRetention(tenant.tenantId, carrier ?? undefined),
  }),
  helpdesk: t.field({
    type: HelpdeskContractRef,
    nullable: true,
    resolve: (tenant, _args, ctx) => ctx.sign.helpdesk(tenant.tenantId),
  }),
}));

builder.mutationFields((t) => ({
  setFlowLogRetention: t.field({
    type: FlowLogRetentionPayloadRef,
    nullable: true,
    args: {
      tenantId: t.arg.string({ required: true, validate: tenantIdRule }),
      input: t.arg({ type: FlowLogRetentionInput, required: true }),
    },
    resolve: async (_root, { tenantId, input }, ctx) => {
      assertTenantAccess(ctx.caller, tenantId);
      const setting: FlowLogRetentionSetting = { forwardingEnabled: input.forwardingEnabled };
      if (input.carrier != null) setting.carrier = input.carrier;
      if (input.period != null) setting.period = input.period;
      return { retention: await ctx.sign.setFlowLogRetention(tenantId, setting) };
    },
  }),
  setHelpdeskContract: t.field({
    type: HelpdeskContractPayloadRef,
    nullable: true,
    description: 'Enabling starts the contract (startAt); disabling ends it.',
    args: {
      tenantId: t.arg.string({ required: true, validate: tenantIdRule }),
      enabled: t.arg.boolean({ required: true }),
    },
    resolve: async (_root, { tenantId, enabled }, ctx) => {
      assertTenantAccess(ctx.caller, tenantId);
      return { helpdesk: await ctx.sign.setHelpdeskContract(tenantId, enabled) };
    },
  }),
}));
