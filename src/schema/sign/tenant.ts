import { badUserInput } from '../../errors.js';
import { assertTenantAccess } from '../../security/tenant-access.js';
import { builder } from '../builder.js';
import { tenantIdRule } from '../validators.js';
import { TenantRef } from './refs.js';

/** A SIGN tenant: an address, not a fetch; its fields make the upstream calls. */

export function tenantFromId(tenantId: string) {
  const parsed = tenantIdRule.safeParse(tenantId);
  if (!parsed.success) throw badUserInput(parsed.error.issues[0]?.message ?? 'invalid tenantId');
  return { tenantId: parsed.data };
}

builder.node(TenantRef, {
  tenantOf: (tenant) => tenant.tenantId,
  description:
    'A docomo business SIGN tenant: its SIMs, threat detections, flow logs, traffic and settings. Reading it makes no upstream call; each field below is one or more SIGN calls.',
  id: { resolve: (tenant) => tenant.tenantId },
  loadOne: (tenantId, ctx) => {
    const tenant = tenantFromId(tenantId);
    assertTenantAccess(ctx.caller, tenant.tenantId);
    return tenant;
  },
  fields: (t) => ({
    tenantId: t.exposeString('tenantId', { description: 'The SIGN tenant ID, 32 characters 0-9a-f.' }),
  }),
});

builder.queryField('tenant', (t) =>
  t.field({
    type: TenantRef,
    description: 'A SIGN tenant. No upstream call is made here, so an unknown tenant shows as NOT_FOUND on the fields that call SIGN.',
    args: {
      // Checked by tenantFromId in the resolver, as the node and entity paths check it (their message,
      // before any upstream call), not by a rule on the argument: that makes Pothos copy and walk the
      // field's arguments on every request, ~1% of a 20-row page's CPU (bench/README.md, "Twenty-third pass").
      tenantId: t.arg.string({
        required: true,
        description: 'The SIGN tenant ID: 32 characters 0-9a-f. Your token must name it (or "*").',
      }),
    },
    resolve: (_root, { tenantId }, ctx) => {
      const tenant = tenantFromId(tenantId);
      assertTenantAccess(ctx.caller, tenant.tenantId);
      return tenant;
    },
  }),
);
