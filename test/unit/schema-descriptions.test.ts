import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

/**
 * Every public element of the graph says what it is to the analyst reading the docs explorer:
 * units, time zone, which upstream, what null means, paging rules. The federation protocol's own
 * elements (served for routers) and introspection are not ours to describe.
 */

const FEDERATION_INTERNALS = new Set(['_service', '_entities', '_Any', '_Entity', '_Service']);
const isInternal = (name: string) => name.startsWith('__') || name.startsWith('link__') || FEDERATION_INTERNALS.has(name);

/** Every public type, field, argument and enum value without a description, by coordinate (`Type.field(arg)`). */
function undescribed(graph: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  for (const type of Object.values(graph.getTypeMap())) {
    if (isInternal(type.name)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (isInternal(field.name)) continue;
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of 'args' in field ? field.args : []) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
  }
  return missing;
}

describe('schema descriptions', () => {
  it('describe every public type, field, argument and enum value', () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it('are looked for on every kind of element, federation internals aside', () => {
    const bare = buildSchema(`
      "described" type Query { a(x: Int): Level, _service: Int }
      enum Level { LOW }
      input Filter { y: Int }
      interface Named { name: String }
      scalar _Any
    `);
    expect(undescribed(bare).sort()).toEqual(['Filter', 'Filter.y', 'Level', 'Level.LOW', 'Named', 'Named.name', 'Query.a', 'Query.a(x)'].sort());
  });
});
