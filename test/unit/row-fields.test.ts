import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

/**
 * The types a SIGN list answers row by row read their fields as properties: a field with a
 * resolver costs graphql-jit a resolve-info object, a response path and three closures for every
 * row (flowOf, threatSummaryOf, threatOf in src/schema/sign/ build the rows under the graph's
 * names instead). Only the fields that call something have resolvers: the joins to the
 * intelligence upstreams.
 */
const RESOLVED_FIELDS: Record<string, string[]> = {
  Flow: [],
  Threat: ['targetIndicators'],
  ThreatSummary: ['targetIndicators'],
  Endpoint: ['indicator'],
};

describe('fields of the types answered per row', () => {
  it.each(Object.entries(RESOLVED_FIELDS))('%s has resolvers only for its joins', (name, joins) => {
    const type = schema.getType(name);
    if (!isObjectType(type)) throw new Error(`${name} is not an object type of the schema`);
    const resolved = Object.values(type.getFields())
      .filter((field) => field.resolve !== undefined)
      .map((field) => field.name);
    expect(resolved.sort()).toEqual(joins);
  });
});
