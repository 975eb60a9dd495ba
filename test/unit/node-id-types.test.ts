import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { encodeNodeId } from '../../src/schema/node-id.js';
import type { GatewayContext } from '../../src/context.js';

// node(id:) and nodes(ids:) run no upstream call for a Tenant, so the built schema answers alone.
const TENANT = 'a'.repeat(32);
const contextValue = { caller: { tenants: new Set([TENANT]), scopes: new Set(['read']), authenticated: true } } as unknown as GatewayContext;

const run = (source: string) => graphql({ schema, source, contextValue });

describe('global IDs of types that are not nodes', () => {
  it.each([
    ['an unknown type', encodeNodeId('Bogus', '1')],
    ['a type that does not implement Node', encodeNodeId('PageInfo', '1')],
  ])('node(id:) refuses %s as BAD_USER_INPUT', async (_case, id) => {
    const result = await run(`{ node(id: "${id}") { id } }`);
    expect(result.errors?.map((error) => [error.message, error.extensions['code']])).toEqual([
      [`"${id}" is not a global ID issued by this gateway`, 'BAD_USER_INPUT'],
    ]);
  });

  it('nodes(ids:) refuses the list when one ID is not of a node type', async () => {
    const bogus = encodeNodeId('Bogus', '1');
    const result = await run(`{ nodes(ids: ["${encodeNodeId('Tenant', TENANT)}", "${bogus}"]) { id } }`);
    expect(result.errors?.map((error) => [error.message, error.extensions['code']])).toEqual([
      [`"${bogus}" is not a global ID issued by this gateway`, 'BAD_USER_INPUT'],
    ]);
  });

  it('node(id:) still loads a node', async () => {
    const id = encodeNodeId('Tenant', TENANT);
    expect(await run(`{ node(id: "${id}") { id } }`)).toEqual({ data: { node: { id } } });
  });
});
