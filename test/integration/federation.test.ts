import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveGateway } from '../../src/server.js';
import { DATA_WINDOW_FOR_DEMO, DEMO_TENANT_ID, MALICIOUS_DOMAINS } from '../../src/simulators/demo-seed.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * The gateway as a federation subgraph behind a real Hive Gateway from npm: composed with a
 * small second subgraph that extends Indicator, one query resolves fields of both.
 */

const NOTES_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
  type Indicator @key(fields: "value") {
    value: String!
    analystNote: String
  }
`;

function analystNote(value: string): string {
  return `reviewed: ${value}`;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`)));
}

/** A port nothing listens on right now, for the child process to take. */
async function freePort(): Promise<number> {
  const probe = createHttpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`hive-gateway exited: ${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`hive-gateway did not become healthy: ${log()}`);
}

let gw: TestGateway;
let subgraphServer: Server;
let notesServer: Server;
let hive: ChildProcess;
let hiveUrl: string;
let hiveLog = '';

beforeAll(async () => {
  gw = await startTestGateway();
  subgraphServer = serveGateway(gw.gateway);
  const secopsUrl = await listen(subgraphServer);

  const notes = createYoga({
    schema: buildSubgraphSchema({
      typeDefs: parse(NOTES_SDL),
      resolvers: { Indicator: { __resolveReference: (reference: { value: string }) => ({ value: reference.value, analystNote: analystNote(reference.value) }) } },
    }),
  });
  notesServer = createHttpServer(notes);
  const notesUrl = await listen(notesServer);

  const composed = composeServices([
    { name: 'secops', typeDefs: parse(readFileSync(new URL('../../schema/subgraph.graphql', import.meta.url), 'utf8')), url: secopsUrl },
    { name: 'notes', typeDefs: parse(NOTES_SDL), url: notesUrl },
  ]);
  if (composed.errors?.length) throw new Error(`composition failed: ${composed.errors.map((error) => error.message).join('; ')}`);
  const directory = mkdtempSync(join(tmpdir(), 'supergraph-'));
  const supergraphPath = join(directory, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl!);

  const port = await freePort();
  hive = spawn(process.execPath, [new URL('../../node_modules/@graphql-hive/gateway/dist/bin.js', import.meta.url).pathname, 'supergraph', supergraphPath, '--port', String(port), '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  hive.stdout?.on('data', (chunk: Buffer) => (hiveLog += chunk.toString()));
  hive.stderr?.on('data', (chunk: Buffer) => (hiveLog += chunk.toString()));
  hiveUrl = `http://127.0.0.1:${port}/graphql`;
  await waitForHealth(`http://127.0.0.1:${port}/healthcheck`, hive, () => hiveLog);
}, 90_000);

afterAll(async () => {
  hive?.kill('SIGTERM');
  await new Promise<void>((resolve) => notesServer?.close(() => resolve()));
  await new Promise<void>((resolve) => subgraphServer?.close(() => resolve()));
  await gw?.close();
});

async function queryHive(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(hiveUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: Record<string, any>; errors?: { message: string }[] };
}

describe('behind Hive Gateway', () => {
  it('resolves an indicator’s fields from both subgraphs in one query', async () => {
    const value = MALICIOUS_DOMAINS[0];
    const result = await queryHive(`query($v: String!) { indicator(value: $v) { value kind reputation { verdict } analystNote } }`, { v: value });
    expect(result.errors).toBeUndefined();
    expect(result.data!.indicator).toEqual({ value, kind: 'DOMAIN', reputation: { verdict: 'DETECTED' }, analystNote: analystNote(value) });
  });

  it('extends indicators reached through SIGN threat targets', async () => {
    const result = await queryHive(
      `query($t: String!, $from: DateTime!, $to: DateTime!) { tenant(tenantId: $t) { threatSummaries(kind: OTHER, lineType: INT, from: $from, to: $to, first: 3) { nodes { target targetIndicators { value analystNote } } } } }`,
      { t: DEMO_TENANT_ID, ...DATA_WINDOW_FOR_DEMO },
    );
    expect(result.errors).toBeUndefined();
    const indicators = result.data!.tenant.threatSummaries.nodes.flatMap((node: { targetIndicators: { value: string; analystNote: string }[] }) => node.targetIndicators);
    expect(indicators.length).toBeGreaterThan(0);
    for (const indicator of indicators) expect(indicator.analystNote).toBe(analystNote(indicator.value));
  });

  it('serves _service and _entities on the subgraph itself', async () => {
    const result = await gw.post({ query: `{ _service { sdl } _entities(representations: [{ __typename: "Indicator", value: "8.8.8.8" }, { __typename: "Tenant", tenantId: "${DEMO_TENANT_ID}" }]) { ... on Indicator { kind } ... on Tenant { id } } }` });
    expect(result.json.errors).toBeUndefined();
    expect((result.json.data as any)._service.sdl).toContain('@key(fields: "value")');
    expect((result.json.data as any)._entities[0]).toEqual({ kind: 'IPV4' });
  });
});
