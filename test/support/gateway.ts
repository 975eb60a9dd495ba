import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll } from 'vitest';
import { admissionGateFor, type AdmissionGate } from '../../src/admission-gate.js';
import { loadConfig, type GatewayConfig } from '../../src/config.js';
import type { ThreatFeedOptions } from '../../src/feed/index.js';
import { loadSecurityConfig, type SecurityConfig } from '../../src/security/config.js';
import { createGatewayLogger, type LogLevel } from '../../src/observability/logger.js';
import { configuredSecrets } from '../../src/redaction.js';
import { createGateway, serveGateway, type Gateway } from '../../src/server.js';
import { startDemoSimulators, type DemoSimulators } from '../../src/simulators/index.js';
import { createUpstreams, type Upstreams } from '../../src/upstreams/index.js';

/**
 * A gateway in-process (driven with yoga.fetch) over the real simulators on loopback HTTP:
 * every upstream call in a test crosses a real socket and is recorded by its simulator.
 * Like the demo, it runs with caller authentication off unless `auth: true`; its rate limits are
 * off unless the test's env sets GATEWAY_RATE_LIMIT_PER_MINUTE or GATEWAY_AUTH_FAILURES_PER_MINUTE.
 */
export interface TestGateway {
  gateway: Gateway;
  simulators: DemoSimulators;
  config: GatewayConfig;
  security: SecurityConfig;
  /** Every line the gateway logged, already redacted. */
  logs: { level: LogLevel; line: string }[];
  /** Runs a typed document (by hash when trusted documents are on); the result is typed by the operation. */
  execute<Result, Variables>(
    document: TypedDocumentNode<Result, Variables>,
    variables?: Variables,
    headers?: Record<string, string>,
  ): Promise<ExecutionResult<Result>>;
  /** Runs raw GraphQL text (for malformed or ad-hoc operations), on `/graphql` unless `path` says `/subgraph`. */
  post(
    body: unknown,
    headers?: Record<string, string>,
    path?: string,
  ): Promise<{ status: number; headers: Headers; json: ExecutionResult<Record<string, unknown>> }>;
  /** Any request to the gateway, as a client would send it. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Where it listens on loopback, e.g. `http://127.0.0.1:41234` (only when started with `listen: true`). */
  readonly url: string;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  now?: () => Date;
  /** Variables over the demo's (config and security alike), as the environment would set them. */
  env?: Record<string, string>;
  /** Caller authentication on, with tokens from `mintToken`. */
  auth?: boolean;
  feeds?: ThreatFeedOptions;
  /** Also serve it over HTTP on a loopback port (`url`), for a client that needs a real socket. */
  listen?: boolean;
  /** The admission gate of the HTTP server (with `listen`); GATEWAY_ADMISSION_FLOOR's unless given. */
  admission?: AdmissionGate;
  /** The lowest level kept in `logs` (`warn` unless given; `debug` keeps yoga's own step lines). */
  logLevel?: LogLevel;
}

/** Holds the SIGN simulator's next request open until the function returned is called: what arrives elsewhere meanwhile shows the order of calls. */
export function holdNextSignRequest(gateway: TestGateway): () => void {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  gateway.simulators.sign.inject({ kind: 'hold', until: released, times: 1 });
  return release;
}

/** The headers a federation router sends to `/subgraph`: its own token (scope `router`) and, when given, its client's. */
export async function routerHeaders(clientToken?: string): Promise<Record<string, string>> {
  const router = await mintToken({ sub: 'router@example.test', scope: 'router' });
  return { 'x-router-authorization': `Bearer ${router}`, ...(clientToken === undefined ? {} : { authorization: `Bearer ${clientToken}` }) };
}

/** The HS256 secret of test gateways started with `auth: true`. */
export const TEST_JWT_SECRET = 'test-only-secret-0123456789abcdef0123456789abcdef';

/** A caller token signed for test gateways: `claims` are added to a `sub`, read scope and 5 minutes of validity unless given. */
export async function mintToken(
  claims: JWTPayload & { tenants?: string[] | '*'; scope?: string } = {},
  options: { secret?: string; expiresIn?: string | number; algorithm?: string } = {},
): Promise<string> {
  const { exp, ...rest } = claims;
  const jwt = new SignJWT({ sub: 'analyst@example.test', scope: 'read', ...rest }).setProtectedHeader({ alg: options.algorithm ?? 'HS256' }).setIssuedAt();
  if (exp !== undefined) jwt.setExpirationTime(exp);
  else jwt.setExpirationTime(options.expiresIn ?? '5m');
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

/**
 * The gateway of the suite that calls it (a file, or a `describe` block): started before its
 * tests, closed after them. The handle answers only while those tests run. Options given as a
 * function are read when it starts, after the suite's earlier `beforeAll` (a Redis, a fake upstream).
 */
export function useTestGateway(options: TestGatewayOptions | (() => TestGatewayOptions) = {}): TestGateway {
  let started: TestGateway | undefined;
  beforeAll(async () => {
    started = await startTestGateway(typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await started?.close();
    started = undefined;
  });
  const current = (): TestGateway => {
    if (started === undefined) throw new Error('useTestGateway(): its gateway runs only during the tests of the suite that called it');
    return started;
  };
  return {
    get gateway() {
      return current().gateway;
    },
    get simulators() {
      return current().simulators;
    },
    get config() {
      return current().config;
    },
    get security() {
      return current().security;
    },
    get logs() {
      return current().logs;
    },
    get url() {
      return current().url;
    },
    execute: (document, variables, headers) => current().execute(document, variables, headers),
    post: (body, headers, path) => current().post(body, headers, path),
    fetch: (path, init) => current().fetch(path, init),
    // Closed early by the suite itself: afterAll has nothing left to close.
    close: async () => {
      const gateway = current();
      started = undefined;
      await gateway.close();
    },
  };
}

/** A gateway for one test (its own environment, a broken upstream): started, given to `run`, closed whatever `run` does. */
export async function withTestGateway<T>(options: TestGatewayOptions, run: (gateway: TestGateway) => Promise<T>): Promise<T> {
  const gateway = await startTestGateway(options);
  try {
    return await run(gateway);
  } finally {
    await gateway.close();
  }
}

/** A gateway whose life the caller manages (several at once, a start that must fail); most tests use the two above. */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const simulators = await startDemoSimulators();
  // The answer cache is off unless a test turns it on: tests count upstream calls.
  const config = loadConfig('demo', {}, { ...simulators.environment, GATEWAY_CACHE_TTL_SECONDS: '0', ...options.env });
  const security = loadSecurityConfig('demo', {
    GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
    GATEWAY_AUTH_FAILURES_PER_MINUTE: '0',
    ...(options.auth ? { GATEWAY_JWT_SECRET: TEST_JWT_SECRET } : {}),
    ...options.env,
  });
  const logs: TestGateway['logs'] = [];
  // As main.ts does: one logger for the upstreams and the gateway; its lines are kept as text for the test to read.
  const logger = createGatewayLogger({
    secrets: [...security.secrets, ...configuredSecrets(config)],
    sink: (level, line) => logs.push({ level, line }),
    ...(options.logLevel === undefined ? {} : { level: options.logLevel }),
  });
  const upstreams: Upstreams = createUpstreams(config, logger);
  const admission = options.listen ? (options.admission ?? admissionGateFor(config.admissionFloor)) : undefined;
  const gateway = createGateway({
    config,
    security,
    upstreams,
    admission,
    now: options.now,
    logger,
    ...(options.feeds === undefined ? {} : { feeds: options.feeds }),
  });

  const fetch: TestGateway['fetch'] = async (path, init) => gateway.fetch(new URL(path, 'http://gateway'), init ?? {});

  const post: TestGateway['post'] = async (body, headers = {}, path = '/graphql') => {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, json: (await response.json()) as ExecutionResult<Record<string, unknown>> };
  };

  const server = options.listen ? serveGateway(gateway, { admission }) : undefined;
  if (server !== undefined) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    gateway,
    simulators,
    config,
    security,
    logs,
    post,
    fetch,
    get url() {
      if (server === undefined) throw new Error('this test gateway does not listen: start it with listen: true');
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    execute: async (document, variables, headers) => {
      const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
      const body = security.trustedDocuments !== null && hash !== undefined ? { documentId: hash, variables } : { query: print(document), variables };
      const { json } = await post(body, headers);
      return json as ExecutionResult<never>;
    },
    close: async () => {
      if (server !== undefined) await new Promise((resolve) => server.close(resolve));
      await gateway.dispose();
      await upstreams.close();
      await simulators.close();
    },
  };
}
