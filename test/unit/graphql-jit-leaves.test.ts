import { buildSchema, execute, type GraphQLScalarType, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';

/**
 * graphql-jit as `scripts/patch-graphql-jit.mjs` leaves it (run by npm install): a leaf's error
 * locations and path are built only when the leaf is null or an Error, and every leaf still
 * answers as graphql-js's executor answers it, value or error.
 */

const schema = buildSchema(`
  scalar Stamp
  type Row { name: String! count: Int at: Stamp! note: String }
  type Query { rows: [Row] }
`);
// A custom scalar that refuses some values, as DateTime does: its refusal is the leaf's error.
Object.assign(schema.getType('Stamp') as GraphQLScalarType, {
  serialize: (value: unknown) => {
    if (typeof value !== 'string' || !value.startsWith('t')) throw new TypeError(`not a stamp: ${String(value)}`);
    return value;
  },
});

const document = parse('{ rows { name count at note } }');
const rows = [
  { name: 'ok', count: 1, at: 't1', note: null },
  { name: null, count: 2, at: 't2', note: 'n' },
  { name: 'counted', count: 2.5, at: 't3', note: new Error('note failed') },
  { name: 'stamped', count: 3, at: 'x4', note: 'n' },
  { name: new Error('name failed'), count: null, at: 't5', note: 'n' },
];

function compiled(options: { debug?: boolean } = {}) {
  const query = compileQuery(schema, document, undefined, { disablingCapturingStackErrors: true, ...options } as Parameters<typeof compileQuery>[3]);
  if (!isCompiledQuery(query)) throw new Error('the test query did not compile');
  return query;
}

const shape = (result: { data?: unknown; errors?: readonly { message: string; path?: readonly (string | number)[]; locations?: readonly unknown[] }[] }) => ({
  data: result.data,
  errors: (result.errors ?? [])
    .map(({ message, path, locations }) => ({ message, path, locations }))
    .sort((a, b) => String(a.path).localeCompare(String(b.path))),
});

describe('graphql-jit leaves', () => {
  it('answer values and errors as the standard executor does', async () => {
    const standard = await execute({ schema, document, rootValue: { rows } });
    const jit = await compiled().query({ rows }, {}, {});
    expect(standard.errors?.length).toBe(5);
    expect(shape(jit)).toEqual(shape(standard));
  });

  it('build their error locations and path only when the value is null or an Error', () => {
    const code = (compiled({ debug: true }) as unknown as { __DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation: string })
      .__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation;
    const checks = code.match(/[^\n]*rt\.check(?:NonNull|Nullable)Leaf\([^\n]*/g) ?? [];
    expect(checks.length).toBe(4);
    for (const line of checks) expect(line).toMatch(/^\s*\(__currentItem\.\w+ == null (?:\|\||\? null :)/);
  });
});
