import { buildSchema, GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { keptWhenPassed } from '../../src/cache/passed-checks.js';

/** A check kept when it passes: what it saves is counted, never timed. */

const schema = buildSchema('type Query { page(first: Int): Int }');
const document = parse('query A($first: Int) { page(first: $first) } query B($first: Int) { page(first: $first) }');

function counted(refuse: (variables: Readonly<Record<string, unknown>> | undefined) => boolean) {
  let runs = 0;
  const check = keptWhenPassed((_schema, _document, _operationName, variables) => {
    runs += 1;
    return refuse(variables) ? [new GraphQLError('refused')] : [];
  });
  return { check, runs: () => runs };
}

describe('keptWhenPassed', () => {
  it('runs once per operation name and variable values that passed, per document', () => {
    const { check, runs } = counted(() => false);
    expect(check(schema, document, 'A', { first: 1 })).toEqual([]);
    expect(check(schema, document, 'A', { first: 1 })).toEqual([]);
    expect(runs()).toBe(1);
    check(schema, document, 'B', { first: 1 });
    check(schema, document, 'A', { first: 2 });
    check(schema, parse('query A($first: Int) { page(first: $first) }'), 'A', { first: 1 });
    expect(runs()).toBe(4);
  });

  it('never keeps a refusal', () => {
    const { check, runs } = counted((variables) => variables?.['first'] === 0);
    for (let i = 0; i < 3; i++) expect(check(schema, document, 'A', { first: 0 })).toHaveLength(1);
    expect(runs()).toBe(3);
  });

  it('keys one variables object once for every check of a request, and another object by its own values', () => {
    const first = counted(() => false);
    const second = counted(() => false);
    const variables: Record<string, unknown> = { first: 1 };
    first.check(schema, document, 'A', variables);
    second.check(schema, document, 'A', variables);
    // Each check keeps its own passes: the second runs for the new values, not again for the first.
    second.check(schema, document, 'A', { first: 2 });
    expect([first.runs(), second.runs()]).toEqual([1, 2]);
  });

  it('keeps 64 passing variable values per operation, the oldest going first', () => {
    const { check, runs } = counted(() => false);
    check(schema, document, 'B', { first: 0 });
    for (let first = 0; first <= 64; first++) check(schema, document, 'A', { first });
    expect(runs()).toBe(66);
    check(schema, document, 'A', { first: 64 });
    check(schema, document, 'B', { first: 0 });
    expect(runs()).toBe(66);
    check(schema, document, 'A', { first: 0 });
    expect(runs()).toBe(67);
  });
});
