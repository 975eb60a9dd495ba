import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { forbidden } from '../errors.js';
import type { Caller } from './caller.js';

/**
 * Tenant isolation. A caller reads and changes only the SIGN tenants its token names. The check is
 * made where a tenant enters the graph (`Query.tenant`, the Tenant and Sim node loaders, the
 * settings mutations), before any upstream call; `guardTenantScopedTypes` repeats it before each
 * field of a Tenant or Sim resolves, so a door that forgets it (the federation `_entities` field
 * today, the next root field tomorrow) still opens nothing.
 */

export function mayAccessTenant(caller: Caller, tenantId: string): boolean {
  return caller.tenants === 'all' || caller.tenants.has(tenantId);
}

/** Throws FORBIDDEN unless the caller's token grants this tenant. */
export function assertTenantAccess(caller: Caller, tenantId: string): void {
  if (!mayAccessTenant(caller, tenantId)) {
    throw forbidden(`This token does not grant access to tenant ${tenantId}.`);
  }
}

/** The object types whose values carry the tenant they belong to. */
export const TENANT_SCOPED_TYPES = ['Tenant', 'Sim'] as const;

const GUARDED = Symbol('tenant-guard');

/**
 * Wraps each field resolver of the tenant-scoped types with the tenant check (in place, once per
 * schema: running it again is harmless). The source of those types is `{ tenantId, ... }`.
 */
export function guardTenantScopedTypes(schema: GraphQLSchema): GraphQLSchema {
  for (const typeName of TENANT_SCOPED_TYPES) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`guardTenantScopedTypes: the schema has no object type ${typeName}`);
    for (const field of Object.values(type.getFields())) {
      const marked = field as typeof field & { [GUARDED]?: true };
      if (marked[GUARDED]) continue;
      const resolve: GraphQLFieldResolver<unknown, { caller: Caller }> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: { caller: Caller }, info) => {
        assertTenantAccess(context.caller, (source as { tenantId: string }).tenantId);
        return resolve(source, args, context, info);
      };
      marked[GUARDED] = true;
    }
  }
  return schema;
}
