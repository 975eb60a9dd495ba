import { buildSchema, GraphQLError, type ValidationRule } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useValidationCache } from '../../src/use-validation-cache.js';

/**
 * Validation results kept per rule set, schema and document: a document is validated once per
 * set of rules a request can have, and a request with other rules (a plugin's choice for that
 * request) never gets the result validated under another set. Driven through yoga in-process.
 */

const publicSchema = buildSchema('type Query { open: String, secret: String }');
const otherSchema = buildSchema('type Query { open: String, other: String }');

function gatewayOf() {
  let validations = 0;
  // Counts every validation that really runs: on a cached result none of the rules is called.
  const counting: ValidationRule = () => {
    validations += 1;
    return {};
  };
  const noSecret: ValidationRule = (context) => ({
    Field(node) {
      if (node.name.value === 'secret') context.reportError(new GraphQLError('secret is refused to this caller', { nodes: [node] }));
    },
  });
  const rulesPerRequest: Plugin = {
    onValidate({ addValidationRule, context }) {
      addValidationRule(counting);
      // A rule built anew for every request, as GraphQL Armor builds its own: the same by its name.
      addValidationRule(function rebuiltPerRequest() {
        return {};
      });
      if ((context as { request: Request }).request.headers.get('x-strict') === 'yes') addValidationRule(noSecret);
    },
  };
  const yoga = createYoga({
    schema: ({ request }) => (new URL(request.url).pathname === '/other' ? otherSchema : publicSchema),
    graphqlEndpoint: '/:endpoint(graphql|other)',
    plugins: [rulesPerRequest, useValidationCache()],
    parserAndValidationCache: { validationCache: false },
    logging: false,
  });
  const post = async (query: string, headers: Record<string, string> = {}, path = '/graphql') => {
    const response = await yoga.fetch(`http://gateway${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  };
  return { post, validations: () => validations };
}

describe('useValidationCache', () => {
  it('validates a document once per rule set (rules rebuilt per request included), and answers the same from then on', async () => {
    const gateway = gatewayOf();
    for (let request = 0; request < 3; request += 1) expect(await gateway.post('{ open }')).toEqual({ data: { open: null } });
    expect(gateway.validations()).toBe(1);
    expect((await gateway.post('{ open secret }')).data).toEqual({ open: null, secret: null });
    expect(gateway.validations()).toBe(2);
  });

  it('never answers a request with a result validated under other rules, in either order', async () => {
    const gateway = gatewayOf();
    expect((await gateway.post('{ secret }')).errors).toBeUndefined();
    expect((await gateway.post('{ secret }', { 'x-strict': 'yes' })).errors?.map((error) => error.message)).toEqual(['secret is refused to this caller']);
    expect((await gateway.post('{ secret }', { 'x-strict': 'yes' })).errors?.map((error) => error.message)).toEqual(['secret is refused to this caller']);
    expect((await gateway.post('{ secret }')).errors).toBeUndefined();
    expect(gateway.validations()).toBe(2);
  });

  it('keeps results per schema: the same text against another schema is validated against it', async () => {
    const gateway = gatewayOf();
    expect((await gateway.post('{ open other }', {}, '/other')).errors).toBeUndefined();
    expect((await gateway.post('{ open other }')).errors?.[0]?.message).toMatch(/Cannot query field "other"/);
    expect(gateway.validations()).toBe(2);
  });
});
