import { assertTenantAccess } from '../../security/tenant-access.js';
import type { FlowLogRetentionSetting } from '../../upstreams/sign/client.js';
import type { FlowLogRetentionAnswer, HelpdeskAnswer } from '../../upstreams/sign/models.js';
import { builder } from '../builder.js';
import { tenantIdRule } from '../validators.js';
import { TenantRef } from './refs.js';

/** Tenant settings kept by SIGN: flow-log retention per carrier kind, and the helpdesk contract. */

export const CarrierTypeEnum = builder.enumType('CarrierType', {
  description: 'The kind of carrier line a retention setting applies to.',
  values: {
    MVNO: { value: 'mvno', description: 'Lines of a mobile virtual network operator (SIGN `mvno`).' },
    MNO: { value: 'mno', description: 'Lines of a mobile network operator (SIGN `mno`).' },
  } as const,
});

/** Internal values are the days SIGN sends and answers. */
export const RetentionPeriodEnum = builder.enumType('RetentionPeriod', {
  description: 'How long SIGN keeps flow logs.',
  values: {
    DAYS_92: { value: 92, description: '92 days (about three months).' },
    DAYS_184: { value: 184, description: '184 days (about six months).' },
    DAYS_366: { value: 366, description: '366 days (about a year).' },
  } as const,
});

const FlowLogRetentionRef = builder.objectRef<FlowLogRetentionAnswer>('FlowLogRetention');
const FlowLogRetentionPayloadRef = builder.objectRef<{ retention: FlowLogRetentionAnswer }>('FlowLogRetentionPayload');
const HelpdeskContractRef = builder.objectRef<HelpdeskAnswer>('HelpdeskContract');
const HelpdeskContractPayloadRef = builder.objectRef<{ helpdesk: HelpdeskAnswer }>('HelpdeskContractPayload');

builder.objectType(FlowLogRetentionRef, {
  description: 'SIGN flow-log settings of one carrier kind.',
  fields: (t) => ({
    forwardingEnabled: t.exposeBoolean('flow', { description: 'Traffic is forwarded to the flow collector.' }),
    period: t.expose('period', { type: RetentionPeriodEnum, nullable: true, description: 'How long flow logs are kept; null when SIGN has no period set.' }),
  }),
});

builder.objectType(FlowLogRetentionPayloadRef, {
  description: 'What setFlowLogRetention left in place.',
  fields: (t) => ({
    retention: t.field({
      type: FlowLogRetentionRef,
      description: 'The setting as SIGN answered it after the change.',
      resolve: (payload) => payload.retention,
    }),
  }),
});

builder.objectType(HelpdeskContractRef, {
  description: "The tenant's SIGN helpdesk (support) contract.",
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled', { description: 'The contract is in force.' }),
    startAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the contract started, UTC; null while there is none.',
      resolve: (contract) => contract.startAt,
    }),
  }),
});

builder.objectType(HelpdeskContractPayloadRef, {
  description: 'What setHelpdeskContract left in place.',
  fields: (t) => ({
    helpdesk: t.field({ type: HelpdeskContractRef, description: 'The contract as SIGN answered it after the change.', resolve: (payload) => payload.helpdesk }),
  }),
});

const FlowLogRetentionInput = builder.inputType('FlowLogRetentionInput', {
  description: 'A new flow-log setting for one carrier kind.',
  fields: (t) => ({
    carrier: t.field({ type: CarrierTypeEnum, description: "Omitted: SIGN's default carrier kind." }),
    forwardingEnabled: t.boolean({ required: true, description: 'Forward traffic to the flow collector (true) or stop (false).' }),
    period: t.field({ type: RetentionPeriodEnum, description: 'Omitted: the period set before is kept.' }),
  }),
});

builder.objectFields(TenantRef, (t) => ({
  flowLogRetention: t.field({
    type: FlowLogRetentionRef,
    nullable: true,
    description: "The tenant's flow-log setting (SIGN flow-collectors/retention); null, with an error naming sign, when SIGN fails.",
    args: { carrier: t.arg({ type: CarrierTypeEnum, required: false, description: "The carrier kind to read; omitted: SIGN's default carrier kind." }) },
    resolve: (tenant, { carrier }, ctx) => ctx.sign.flowLogRetention(tenant.tenantId, carrier ?? undefined),
  }),
  helpdesk: t.field({
    type: HelpdeskContractRef,
    nullable: true,
    description: "The tenant's helpdesk contract (SIGN helpdesk); null, with an error naming sign, when SIGN fails.",
    resolve: (tenant, _args, ctx) => ctx.sign.helpdesk(tenant.tenantId),
  }),
}));

builder.mutationFields((t) => ({
  setFlowLogRetention: t.field({
    type: FlowLogRetentionPayloadRef,
    nullable: true,
    description: "Changes the tenant's flow-log setting (one SIGN PUT); null, with an error naming sign, when SIGN refuses or fails.",
    args: {
      tenantId: t.arg.string({
        required: true,
        validate: tenantIdRule,
        description: 'The SIGN tenant ID: 32 characters 0-9a-f. Your token must name it (or "*").',
      }),
      input: t.arg({ type: FlowLogRetentionInput, required: true, description: 'The new setting.' }),
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
    description: 'Enabling starts the contract (startAt); disabling ends it. One SIGN PUT; null, with an error naming sign, when SIGN refuses or fails.',
    args: {
      tenantId: t.arg.string({
        required: true,
        validate: tenantIdRule,
        description: 'The SIGN tenant ID: 32 characters 0-9a-f. Your token must name it (or "*").',
      }),
      enabled: t.arg.boolean({ required: true, description: 'true starts the contract, false ends it.' }),
    },
    resolve: async (_root, { tenantId, enabled }, ctx) => {
      assertTenantAccess(ctx.caller, tenantId);
      return { helpdesk: await ctx.sign.setHelpdeskContract(tenantId, enabled) };
    },
  }),
}));
