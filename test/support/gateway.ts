import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { SignJWT, type JWTPayload } from 'jose';
import { loadConfig, type GatewayConfig } from '../../src/config.js';
import type { ThreatFeedOptions } from '../../src/feed/index.js';
import { loadSecurityConfig, type SecurityConfig } from '../../src/security/config.js';
import type { LogLevel } from '../../src/security/logger.js';
import { createGateway, type Gateway } from '../../src/server.js';
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
  close(): Promise<void>;
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

export async function startTestGateway(
  options: { now?: () => Date; env?: Record<string, string>; auth?: boolean; feeds?: ThreatFeedOptions } = {},
): Promise<TestGateway> {
  const simulators = await startDemoSimulators();
  // The answer cache is off unless a test turns it on: tests count upstream calls.
  const config = loadConfig('demo', {}, { ...simulators.environment, GATEWAY_CACHE_TTL_SECONDS: '0', ...options.env });
  const security = loadSecurityConfig('demo', {
    GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
    GATEWAY_AUTH_FAILURES_PER_MINUTE: '0',
    ...(options.auth ? { GATEWAY_JWT_SECRET: TEST_JWT_SECRET } : {}),
    ...options.env,
  });
  const upstreams: Upstreams = createUpstreams(config);
  const logs: TestGateway['logs'] = [];
  const gateway = createGateway({
    config,
    security,
    upstreams,
    now: options.now,
    log: (level, line) => logs.push({ level, line }),
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

  return {
    gateway,
    simulators,
    config,
    security,
    logs,
    post,
    fetch,
    execute: async (document, variables, headers) => {
      const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
      const body = security.trustedDocuments !== null && hash !== undefined ? { documentId: hash, variables } : { query: print(document), variables };
      const { json } = await post(body, headers);
      return json as ExecutionResult<never>;
    },
    close: async () => {
      await gateway.dispose();
      await upstreams.close();
      await simulators.close();
    },
  };
}
