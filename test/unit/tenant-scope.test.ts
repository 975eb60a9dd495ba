import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { subgraphSchema } from '../../src/schema/index.js';
import type { GatewayContext } from '../../src/context.js';

// The Tenant entity resolver does not check the tenant itself: only the type's `tenantOf` rule
// stands between a router's representation and the tenant's fields. No upstream call is reached.
const GRANTED = 'a'.repeat(32);
const OTHER = 'b'.repeat(32);
const contextValue = { caller: { tenants: new Set([GRANTED]), scopes: new Set(['read']), authenticated: true } } as unknown as GatewayContext;

const tenantEntity = (tenantId: string, selection: string) =>
  graphql({
    schema: subgraphSchema,
    source: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { ${selection} } } }`,
    variableValues: { r: [{ __typename: 'Tenant', tenantId }] },
    contextValue,
  });

describe('tenant-scoped types (tenantOf)', () => {
  it('refuses each field of a tenant the token does not grant', async () => {
    const result = await tenantEntity(OTHER, 'tenantId');
    expect(result.errors?.map((error) => [error.message, error.extensions['code'], error.path])).toEqual([
      [`This token does not grant access to tenant ${OTHER}.`, 'FORBIDDEN', ['_entities', 0, 'tenantId']],
    ]);
  });

  it('checks the tenant before it reads the field arguments', async () => {
    const result = await tenantEntity(OTHER, 'sim(simId: "not a sim", lineType: INT) { simId }');
    expect(result.errors?.map((error) => error.extensions['code'])).toEqual(['FORBIDDEN']);
  });

  it('answers a granted tenant', async () => {
    expect(await tenantEntity(GRANTED, 'tenantId')).toEqual({ data: { _entities: [{ tenantId: GRANTED }] } });
  });
});
