import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maxRowsRule } from '../../src/security/connection-rows.js';

/** The rows rule on a small schema of nested connections: page sizes multiply, fragments count, cycles end. */

const schema = buildSchema(/* GraphQL */ `
  type Query {
    tenant(id: String!): Tenant!
    nodes(ids: [ID!]!): [Tenant]!
  }
  type Tenant {
    name: String!
    items(first: Int, last: Int, after: String): ItemConnection
  }
  type ItemConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    nodes: [Item!]!
  }
  type PageInfo {
    hasNextPage: Boolean!
  }
  type Item {
    name: String!
    owner: Tenant!
    tags(first: Int): [String!]!
  }
`);

function rowsOf(source: string, options: { variables?: Record<string, unknown>; operationName?: string; maxRows?: number } = {}): number {
  const errors = validate(schema, parse(source), [
    maxRowsRule({ maxRows: options.maxRows ?? -1, defaultPageSize: 20, variables: options.variables ?? {}, operationName: options.operationName ?? null, listArguments: { 'Query.nodes': 'ids' } }),
  ]);
  const rows = errors[0]?.extensions['rows'];
  return typeof rows === 'number' ? rows : 0;
}

describe('maxRowsRule', () => {
  it('counts a connection at its default page size', () => {
    expect(rowsOf('{ tenant(id: "a") { items { nodes { name } } } }')).toBe(20);
  });

  it('reads first or last, literal or variable, and a variable default', () => {
    expect(rowsOf('{ tenant(id: "a") { items(first: 7) { totalCount } } }')).toBe(7);
    expect(rowsOf('{ tenant(id: "a") { items(last: 9) { totalCount } } }')).toBe(9);
    expect(rowsOf('query($n: Int) { tenant(id: "a") { items(first: $n) { totalCount } } }', { variables: { n: 300 } })).toBe(300);
    expect(rowsOf('query($n: Int = 40) { tenant(id: "a") { items(first: $n) { totalCount } } }')).toBe(40);
    expect(rowsOf('query($n: Int = 40) { tenant(id: "a") { items(first: $n) { totalCount } } }', { variables: { n: 5 } })).toBe(5);
    // null or absent: the default page size, as the resolver does.
    expect(rowsOf('query($n: Int) { tenant(id: "a") { items(first: $n) { totalCount } } }', { variables: { n: null } })).toBe(20);
  });

  it('multiplies page sizes through nesting', () => {
    const nested = '{ tenant(id: "a") { items(first: 10) { nodes { owner { items(first: 30) { nodes { name } } } } } } }';
    expect(rowsOf(nested)).toBe(10 + 10 * 30);
  });

  it('counts what fragments select, where they are spread, each spread once', () => {
    const source = `
      query { tenant(id: "a") { items(first: 10) { nodes { ...Owner ... on Item { owner { items(first: 2) { totalCount } } } } } } }
      fragment Owner on Item { owner { items(first: 3) { nodes { ...Deeper } } } }
      fragment Deeper on Item { owner { items(first: 4) { totalCount } } }`;
    // 10 + 10*3 + 10*3*4 + 10*2
    expect(rowsOf(source)).toBe(10 + 30 + 120 + 20);
    const twice = `{ tenant(id: "a") { ...T ...T } } fragment T on Tenant { items(first: 5) { totalCount } }`;
    expect(rowsOf(twice)).toBe(10);
  });

  it('ends on a fragment cycle instead of recursing', () => {
    const cycle = `{ tenant(id: "a") { ...A } } fragment A on Tenant { items(first: 2) { nodes { owner { ...B } } } } fragment B on Tenant { ...A }`;
    expect(rowsOf(cycle)).toBe(2);
  });

  it('measures a fragment fan-out in linear time', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Tenant { ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : 'items(first: 1) { totalCount }'} }`).join('\n');
    const started = performance.now();
    const rows = rowsOf(`{ tenant(id: "a") { ...F0 } }\n${fragments}`);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(rows).toBe(2 ** (levels - 1));
  });

  it('multiplies by the length of a configured list argument', () => {
    expect(rowsOf('{ nodes(ids: ["1", "2", "3"]) { items(first: 100) { totalCount } } }')).toBe(300);
    expect(rowsOf('query($ids: [ID!]!) { nodes(ids: $ids) { items(first: 100) { totalCount } } }', { variables: { ids: ['1', '2'] } })).toBe(200);
  });

  it('measures only the operation asked for', () => {
    const two = 'query Small { tenant(id: "a") { items(first: 1) { totalCount } } } query Big { tenant(id: "a") { items(first: 900) { totalCount } } }';
    expect(rowsOf(two, { operationName: 'Small' })).toBe(1);
    expect(rowsOf(two, { operationName: 'Big' })).toBe(900);
  });

  it('refuses over the budget with a message that says why, and passes under it', () => {
    const source = '{ tenant(id: "a") { items(first: 100) { nodes { owner { items(first: 100) { totalCount } } } } } }';
    const over = validate(schema, parse(source), [maxRowsRule({ maxRows: 10_000, defaultPageSize: 20 })]);
    expect(over).toHaveLength(1);
    expect(over[0]?.message).toMatch(/could read up to 10,100 rows, over the limit of 10,000/);
    expect(over[0]?.extensions['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(validate(schema, parse(source), [maxRowsRule({ maxRows: 10_100, defaultPageSize: 20 })])).toEqual([]);
  });
});
