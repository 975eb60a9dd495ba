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
  id: { resolve: (tenant) => tenant.tenantId },
  loadOne: (tenantId, ctx) => {
    const tenant = tenantFromId(tenantId);
    assertTenantAccess(ctx.caller, tenant.tenantId);
    return tenant;
  },
  fields: (t) => ({
    tenantId: t.exposeString('tenantId'),
  }),
});

builder.queryField('tenant', (t) =>
  t.field({
    type: TenantRef,
    description: 'A SIGN tenant (32 hex characters).',
    args: { tenantId: t.arg.string({ required: true, validate: tenantIdRule }) },
    resolve: (_root, { tenantId }, ctx) => {
      assertTenantAccess(ctx.caller, tenantId);
      return { tenantId };
    },
  }),
);
