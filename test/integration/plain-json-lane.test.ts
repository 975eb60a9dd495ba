import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadExampleOperations } from '../../src/example-operations.js';
import { DATA_WINDOW_FOR_DEMO } from '../../src/simulators/demo-seed.js';
import { mintToken, routerHeaders, useTestGateway } from '../support/gateway.js';

/**
 * The plain JSON lane (src/use-plain-json-lane.ts) answers a JSON POST served by node's HTTP server as
 * yoga's own path answers it. Each request below is sent over loopback HTTP (the lane, or yoga's
 * path where the lane hands it back) and in-process through yoga's fetch (yoga's path always), and
 * the two answers must be the same: status, media type, the headers a refusal carries, and the body
 * (request ids aside). A fixed clock keeps the cursors' pins equal.
 */

const gw = useTestGateway({ auth: true, listen: true, logLevel: 'debug', now: () => new Date(DATA_WINDOW_FOR_DEMO.to) });

const ACCEPT_BOTH = 'application/graphql-response+json, application/json';
/** The headers a refusal or a negotiation carries, compared as well as the body. */
const COMPARED_HEADERS = ['content-type', 'accept', 'accept-post', 'allow', 'www-authenticate', 'retry-after'];

interface Answer {
  status: number;
  headers: Record<string, string | null>;
  body: string;
}

async function answerOf(response: Response): Promise<Answer> {
  const headers = Object.fromEntries(COMPARED_HEADERS.map((name) => [name, response.headers.get(name)]));
  // Each request has its own id, in the header and in an unexpected error's extensions.
  const body = (await response.text()).replace(/"requestId":"[^"]+"/g, '"requestId":"…"');
  return { status: response.status, headers, body };
}

/** Yoga's own line for the request-parsing step the lane leaves out. */
const PARSING_STEP = 'Parsing request to extract GraphQL parameters';
const parsingSteps = () => gw.logs.filter(({ line }) => line.includes(PARSING_STEP)).length;

async function bothWays({ body, headers = {}, path = '/graphql' }: { body: string; headers?: Record<string, string>; path?: string }) {
  // A fresh init each time: yoga's fetch writes the length it computed into the headers it is given.
  const init = () => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  // Once through yoga first: what an upstream remembers between two equal requests (SIGN's
  // traffic cache says whether it answered) is the same for both answers compared.
  await (await gw.fetch(path, init())).text();
  const before = parsingSteps();
  const lane = await answerOf(await fetch(`${gw.url}${path}`, init()));
  const laneParsed = parsingSteps() - before;
  const yoga = await answerOf(await gw.fetch(path, init()));
  return { lane, yoga, laneParsed };
}

let token: string;
const authorized = async (extra: Record<string, string> = {}) => {
  token ??= await mintToken({ tenants: '*' });
  return { authorization: `Bearer ${token}`, accept: ACCEPT_BOTH, ...extra };
};

const queries = loadExampleOperations().filter((example) =>
  parse(example.document).definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'query'),
);

describe('the plain JSON lane answers as yoga does', () => {
  it.each(queries.map((example) => [example.name, example] as const))('example %s, through the lane', async (_name, example) => {
    const { lane, yoga, laneParsed } = await bothWays({
      body: JSON.stringify({ query: example.document, variables: example.variables, operationName: example.name }),
      headers: await authorized(),
    });
    expect(lane).toEqual(yoga);
    expect(lane.status).toBeLessThan(500);
    // Answered by the lane: yoga's request-parsing step never ran for it.
    expect(laneParsed).toBe(0);
  });

  const simple = JSON.stringify({ query: '{ __typename }' });
  /** Who answers over HTTP: the lane, yoga's path (handed back by the lane), or an onRequest hook before either. */
  const cases: [string, { body: string; headers?: Record<string, string>; path?: string }, 'lane' | 'yoga' | 'refused'][] = [
    [
      'a variable of the wrong type',
      { body: JSON.stringify({ query: queries[0]!.document, variables: { ...queries[0]!.variables, lineType: 'NOT_A_LINE_TYPE' } }) },
      'lane',
    ],
    ['an operation name the document lacks', { body: JSON.stringify({ query: '{ __typename }', operationName: 'Missing' }) }, 'lane'],
    ['a field the schema lacks', { body: JSON.stringify({ query: '{ nope }' }) }, 'lane'],
    ['a syntax error', { body: JSON.stringify({ query: '{ ' }) }, 'lane'],
    [
      '@defer to a client that accepts JSON only',
      { body: JSON.stringify({ query: '{ ... @defer { __typename } }' }), headers: { accept: 'application/json' } },
      'lane',
    ],
    [
      'an answer in parts to a multipart client',
      { body: JSON.stringify({ query: '{ ... @defer { __typename } }' }), headers: { accept: 'multipart/mixed' } },
      'lane',
    ],
    ['a client that accepts no JSON', { body: simple, headers: { accept: 'text/html' } }, 'lane'],
    ['a client that accepts anything', { body: simple, headers: { accept: '*/*' } }, 'lane'],
    ['Server-Sent Events', { body: simple, headers: { accept: 'text/event-stream' } }, 'lane'],
    ['no query', { body: JSON.stringify({ variables: {} }) }, 'yoga'],
    ['a query that is not text', { body: JSON.stringify({ query: 1 }) }, 'yoga'],
    ['a parameter GraphQL over HTTP does not define', { body: JSON.stringify({ query: '{ __typename }', unknown: 1 }) }, 'yoga'],
    ['a body that is not JSON', { body: '{"query": "{ __typename }"' }, 'yoga'],
    ['a batch', { body: JSON.stringify([{ query: '{ __typename }' }]) }, 'yoga'],
    ['null', { body: 'null' }, 'yoga'],
    ['a JSON string', { body: '"{ __typename }"' }, 'yoga'],
    // yoga's body limit is an onRequestParse hook: it refuses before the step's own line.
    ['a body over the limit', { body: JSON.stringify({ query: `{ __typename }${' '.repeat(2_000_000)}` }) }, 'refused'],
    ['a form', { body: 'query=%7B__typename%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'refused'],
    ['a JSON media type the browser guards refuse', { body: simple, headers: { 'content-type': 'application/graphql+json' } }, 'refused'],
  ];

  it.each(cases)('%s', async (_name, request, answeredBy) => {
    const { lane, yoga, laneParsed } = await bothWays({ ...request, headers: await authorized(request.headers) });
    expect(lane).toEqual(yoga);
    expect(laneParsed).toBe(answeredBy === 'yoga' ? 1 : 0);
    if (answeredBy === 'refused') expect(lane.status).toBeGreaterThanOrEqual(400);
  });

  it('refuses a request without a token before the lane, in the same words', async () => {
    const { lane, yoga } = await bothWays({ body: simple, headers: { accept: ACCEPT_BOTH } });
    expect(lane.status).toBe(401);
    expect(lane).toEqual(yoga);
  });

  it('serves the subgraph endpoint to a router, in the same words', async () => {
    const { lane, yoga, laneParsed } = await bothWays({
      path: '/subgraph',
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      headers: { ...(await routerHeaders()), accept: ACCEPT_BOTH },
    });
    expect(lane.status).toBe(200);
    expect(lane).toEqual(yoga);
    expect(laneParsed).toBe(0);
  });

  it('answers with the request id header and writes the access line', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authorized()) },
      body: simple,
    });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(gw.logs.some(({ line }) => line.includes(requestId!) && line.includes('status'))).toBe(true);
  });
});
