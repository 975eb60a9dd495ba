import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayLogger } from '../../src/observability/logger.js';
import { usePlainJsonLane } from '../../src/use-plain-json-lane.js';

/**
 * The lane on its own, in a bare yoga served by node's HTTP server on loopback: which requests it
 * answers (yoga's request-parsing step counted by a hook of that step), which it hands back, when it
 * stands aside, and what a failure after the operation ran answers.
 */

const schema = createSchema({
  typeDefs: 'type Query { hello(name: String): String }',
  resolvers: { Query: { hello: (_: unknown, { name }: { name?: string }) => `hello ${name ?? 'you'}` } },
});

let server: Server | undefined;
afterEach(async () => {
  if (server !== undefined) await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

async function serve(extra: Plugin[] = []) {
  const parsed = { count: 0 };
  const logged: string[] = [];
  const logger = createGatewayLogger({ secrets: [], sink: (_level, line) => logged.push(line) });
  const yoga = createYoga({
    schema,
    maxRequestBodySize: false,
    plugins: [{ onRequestParse: () => void parsed.count++ }, ...extra, usePlainJsonLane({ endpoints: ['/graphql'], maxBodyBytes: 1_000, logger })],
  });
  server = createServer(yoga);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const post = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, body: await response.text() };
  };
  return { yoga, post, parsed, logged };
}

describe('usePlainJsonLane', () => {
  it('answers a JSON POST without yoga parsing the request, as yoga would', async () => {
    const { yoga, post, parsed } = await serve();
    const lane = await post(JSON.stringify({ query: 'query Q($n: String) { hello(name: $n) }', variables: { n: 'lane' } }));
    expect(lane).toEqual({ status: 200, body: '{"data":{"hello":"hello lane"}}' });
    expect(parsed.count).toBe(0);
    // In-process, the same request takes yoga's path.
    const inProcess = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Q($n: String) { hello(name: $n) }', variables: { n: 'lane' } }),
    });
    expect(await inProcess.text()).toBe(lane.body);
    expect(parsed.count).toBe(1);
  });

  it('hands yoga what it does not take, and yoga reads the same body again', async () => {
    const { post, parsed } = await serve();
    const notJson = await post('{"query": ');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).errors[0].message).toBe('POST body sent invalid JSON.');
    // A refusal of the parameters (no query) comes from an onParams hook: yoga answers it.
    const noQuery = await post('{"variables": {}}');
    expect(JSON.parse(noQuery.body).errors[0].message).toBe('Must provide query string.');
    // Over the lane's body limit, and another media type: yoga's path from the start.
    const large = await post(JSON.stringify({ query: `{ hello }${' '.repeat(1_000)}` }));
    const text = await post('{ hello }', { 'content-type': 'application/graphql' });
    expect([large.status, text.status]).toEqual([200, 200]);
    expect(parsed.count).toBe(4);
  });

  it.each([
    ['a plugin could refuse after the operation ran', { onExecutionResult: () => {} }],
    ["a plugin's instrumentation wraps yoga's steps", { instrumentation: { operation: (_payload: unknown, wrapped: () => void) => wrapped() } }],
  ] as [string, Plugin][])('stands aside when %s', async (_name, plugin) => {
    const { post, parsed } = await serve([plugin]);
    expect((await post('{"query": "{ hello }"}')).status).toBe(200);
    expect(parsed.count).toBe(1);
  });

  it('keeps what a replaced parameters handler refused after it ran, rather than run it twice', async () => {
    let runs = 0;
    const replacing: Plugin = {
      onParams: ({ setParamsHandler }) =>
        setParamsHandler(async () => {
          runs++;
          throw new Error('the handler failed after running');
        }),
    };
    const { post, parsed } = await serve([replacing]);
    const answer = await post('{"query": "{ hello }"}');
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body).errors[0].message).toBe('Unexpected error.');
    expect([runs, parsed.count]).toEqual([1, 0]);
  });

  it('masks a failure after the operation ran, and logs the original', async () => {
    const failing: Plugin = {
      onResultProcess: () => {
        throw new Error('result hook failed with secret-ish detail');
      },
    };
    const { post, logged } = await serve([failing]);
    const answer = await post('{"query": "{ hello }"}');
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toEqual({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(logged.some((line) => line.includes('result hook failed'))).toBe(true);
  });
});
