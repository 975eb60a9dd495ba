import { forbidden } from '../errors.js';
import type { Caller } from './caller.js';

/**
 * Tenant isolation. A caller reads and changes only the SIGN tenants its token names. The check is
 * made where a tenant enters the graph (`Query.tenant`, the Tenant and Sim node loaders, the
 * settings mutations), before any upstream call; the tenant-scoped types repeat it before each of
 * their fields resolves (`tenantOf`, see `schema/tenant-scope.ts`).
 */

export function mayAccessTenant(caller: Caller, tenantId: string): boolean {
  return caller.tenants === 'all' || caller.tenants.has(tenantId);
}

/** Throws FORBIDDEN unless the caller's token grants this tenant. */
export function assertTenantAccess(caller: Caller, tenantId: string): void {
  if (!mayAccessTenant(caller, tenantId)) throw forbidden(`This token does not grant access to tenant ${tenantId}.`);
}
