import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationBudgetRule } from '../../src/security/operation-budget.js';
import { cachedBudgetCheck } from '../../src/security/use-query-limits.js';

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
    operationBudgetRule({
      maxRows: options.maxRows ?? -1,
      defaultPageSize: 20,
      variables: options.variables ?? {},
      operationName: options.operationName ?? null,
      listArguments: { 'Query.nodes': 'ids' },
    }),
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
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Tenant { ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : 'items(first: 1) { totalCount }'} }`,
    ).join('\n');
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
    const over = validate(schema, parse(source), [operationBudgetRule({ maxRows: 10_000, defaultPageSize: 20 })]);
    expect(over).toHaveLength(1);
    expect(over[0]?.message).toMatch(/could read up to 10,100 rows, over the limit of 10,000/);
    expect(over[0]?.extensions['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(validate(schema, parse(source), [operationBudgetRule({ maxRows: 10_100, defaultPageSize: 20 })])).toEqual([]);
  });
});

describe('upstream calls and list bounds', () => {
  const callSchema = buildSchema(/* GraphQL */ `
    type Query {
      tenant(id: String!): Tenant!
      nodes(ids: [ID!]!): [Tenant]!
      search(filter: Filter): [Tenant!]!
    }
    input Filter {
      names: [String!]
    }
    type Tenant {
      helpdesk: Boolean
      items(first: Int, last: Int): ItemConnection
    }
    type ItemConnection {
      pageInfo: PageInfo!
      nodes: [Item!]!
    }
    type PageInfo {
      hasNextPage: Boolean!
    }
    type Item {
      targets: [Indicator!]!
    }
    type Indicator {
      reputation: String
      hash: String
    }
  `);
  const budget = {
    maxRows: 1_000_000,
    defaultPageSize: 20,
    maxPageSize: 10_000,
    listArguments: { 'Query.nodes': 'ids' },
    listSizes: { 'Item.targets': 2 },
    upstreamCalls: {
      'Tenant.items': { upstream: 'sign', calls: 2, per: 'object' },
      'Tenant.helpdesk': { upstream: 'sign', calls: 1, per: 'object' },
      'Indicator.reputation': { upstream: 'cybertrace', calls: 1, per: 'operation' },
      'Indicator.hash': { upstream: 'filesafer', calls: 1, per: 'object' },
    },
    listMaximums: { 'Query.nodes(ids:)': 50, 'Filter.names': 3 },
  } as const;

  const refusals = (source: string, maxUpstreamCalls: number, variables: Record<string, unknown> = {}) =>
    validate(callSchema, parse(source), [operationBudgetRule({ ...budget, maxUpstreamCalls, variables })]).map(
      (error): Record<string, unknown> => ({ message: error.message, ...error.extensions }),
    );
  /** The calls the rule reports for an upstream, by refusing at a limit of 0. */
  const callsTo = (upstream: string, source: string, variables: Record<string, unknown> = {}) =>
    refusals(source, 0, variables).find((refusal) => refusal['upstream'] === upstream)?.['upstreamCalls'] ?? 0;

  it('counts each call once for every object it is asked on, lists and pages multiplying', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `sim-${i}`);
    expect(callsTo('sign', 'query($ids: [ID!]!) { nodes(ids: $ids) { items(first: 6) { nodes { targets { hash } } } } }', { ids })).toBe(80);
    expect(callsTo('filesafer', 'query($ids: [ID!]!) { nodes(ids: $ids) { items(first: 6) { nodes { targets { hash } } } } }', { ids })).toBe(40 * 6 * 2);
    expect(callsTo('sign', '{ tenant(id: "a") { helpdesk items { nodes { targets { hash } } } } }')).toBe(3);
  });

  it('counts a connection of first: 0 (it still asks the upstream), but nothing below it', () => {
    expect(callsTo('sign', '{ tenant(id: "a") { items(first: 0) { nodes { targets { hash } } } } }')).toBe(2);
    expect(callsTo('filesafer', '{ tenant(id: "a") { items(first: 0) { nodes { targets { hash } } } } }')).toBe(0);
  });

  it('counts a batched field once per operation, wherever and however often it is asked', () => {
    const source = `{ a: tenant(id: "a") { items(first: 500) { nodes { targets { reputation } } } } b: tenant(id: "b") { ...F } }
      fragment F on Tenant { items(first: 9) { nodes { targets { reputation } } } }`;
    expect(callsTo('cybertrace', source)).toBe(1);
  });

  it('refuses an operation over the limit naming the upstream and the fields that cost the calls, and passes one within it', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `sim-${i}`);
    const source = 'query($ids: [ID!]!) { nodes(ids: $ids) { items(first: 6) { pageInfo { hasNextPage } } } }';
    const [refusal] = refusals(source, 99, { ids });
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', upstream: 'sign', upstreamCalls: 100, maxUpstreamCalls: 99 });
    expect(refusal?.message).toMatch(/up to 100 calls to SIGN, over the limit of 99 per operation \(Tenant\.items 100\)/);
    expect(refusals(source, 100, { ids })).toEqual([]);
  });

  it('refuses lists over their maximum, in arguments and inside input objects, literal or variable', () => {
    const ids = Array.from({ length: 51 }, (_, i) => `sim-${i}`);
    expect(refusals('query($ids: [ID!]!) { nodes(ids: $ids) { helpdesk } }', 1_000, { ids })).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: '`Query.nodes(ids:)` holds 51 items; at most 50 are allowed.' }),
    ]);
    expect(refusals('{ search(filter: { names: ["a", "b", "c", "d"] }) { helpdesk } }', 1_000)).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/^`Filter\.names` holds 4 items/) }),
    ]);
    expect(refusals('query($f: Filter) { search(filter: $f) { helpdesk } }', 1_000, { f: { names: ['a', 'b', 'c'] } })).toEqual([]);
  });

  it('refuses first/last outside 0..maxPageSize as bad input naming the argument, before any budget', () => {
    const [refusal, ...others] = refusals('{ tenant(id: "a") { items(first: 100000) { pageInfo { hasNextPage } } } }', 0);
    expect(others).toEqual([]);
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', message: '`first` of Tenant.items must be an integer from 0 to 10,000, got 100000.' });
    expect(refusals('query($n: Int) { tenant(id: "a") { items(last: $n) { pageInfo { hasNextPage } } } }', 10, { n: -1 })[0]).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^`last` of Tenant\.items/),
    });
  });
});

describe('cachedBudgetCheck', () => {
  /** The budget with a counter of walks: what the cache saves is counted, never timed. */
  function counted(maxRows: number) {
    let walks = 0;
    const check = cachedBudgetCheck((variables, operationName) => {
      walks += 1;
      return operationBudgetRule({ maxRows, defaultPageSize: 20, variables, operationName });
    });
    return { check, walks: () => walks };
  }
  const document = parse('query Page($first: Int) { tenant(id: "t") { items(first: $first) { nodes { name } } } }');

  it('walks a passing document and variables once, and again for other variables or another document', () => {
    const { check, walks } = counted(100);
    expect(check(schema, document, 'Page', { first: 10 })).toEqual([]);
    expect(check(schema, document, 'Page', { first: 10 })).toEqual([]);
    expect(walks()).toBe(1);
    expect(check(schema, document, 'Page', { first: 11 })).toEqual([]);
    expect(check(schema, parse('query Page($first: Int) { tenant(id: "t") { items(first: $first) { nodes { name } } } }'), 'Page', { first: 10 })).toEqual([]);
    expect(walks()).toBe(3);
  });

  it('never keeps a refusal: the same over-budget variables are refused, walked, every time, after a pass', () => {
    const { check, walks } = counted(100);
    expect(check(schema, document, 'Page', { first: 50 })).toEqual([]);
    for (let i = 0; i < 2; i++) expect(check(schema, document, 'Page', { first: 101 }).map((error) => error.extensions['rows'])).toEqual([101]);
    expect(walks()).toBe(3);
  });

  it('keeps long variable values by their digest: walked once, and again for any other value', () => {
    const { check, walks } = counted(100);
    const long = { first: 1, padding: 'x'.repeat(4_000) };
    check(schema, document, 'Page', long);
    check(schema, document, 'Page', { ...long });
    expect(walks()).toBe(1);
    check(schema, document, 'Page', { first: 1, padding: `${'x'.repeat(3_999)}y` });
    expect(walks()).toBe(2);
    // A long value over the budget is refused every time, never kept.
    for (let i = 0; i < 2; i++) expect(check(schema, document, 'Page', { ...long, first: 101 })).toHaveLength(1);
    expect(walks()).toBe(4);
  });
});
