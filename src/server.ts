import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createGraphQLError, createYoga, maskError, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { GatewayConfig } from './config.js';
import { DEMO_VARIABLES } from './demo.js';
import { createContextFactory, type GatewayContext } from './context.js';
import { schema } from './schema/index.js';
import { loadSecurityConfig, type SecurityConfig } from './security/config.js';
import { createGatewayLogger, currentRequestId, type LogSink } from './security/logger.js';
import { guardTenantScopedTypes } from './security/tenant-access.js';
import { RequestCallers, useAuthentication } from './security/use-authentication.js';
import { useQueryLimits } from './security/use-query-limits.js';
import { useRateLimit } from './security/use-rate-limit.js';
import { useRequestId } from './security/use-request-id.js';
import { useScopeCheck } from './security/use-scope-check.js';
import { DOCUMENT_ID_PARAM, useTrustedDocuments } from './security/use-trusted-documents.js';
import { UNAUTHENTICATED_CALLER } from './security/caller.js';
import type { Upstreams } from './upstreams/index.js';

/** The example GraphiQL opens on: the same document the tests run, so it is known to work. */
const DEMO_QUERY = readFileSync(new URL('../schema/operations/sim-threats.graphql', import.meta.url), 'utf8');

const GRAPHQL_ENDPOINT = '/graphql';

export interface GatewayOptions {
  config: GatewayConfig;
  /** Caller authentication, limits, trusted documents; read from the environment (as main.ts does) when omitted. */
  security?: SecurityConfig;
  upstreams: Upstreams;
  /** A fixed clock for tests; the wall clock otherwise. */
  now?: () => Date;
  /** Where log lines go (already redacted); the console otherwise. */
  log?: LogSink;
}

export type Gateway = YogaServerInstance<Record<string, never>, GatewayContext>;

export function createGateway({ config, security = loadSecurityConfig(config.mode, process.env), upstreams, now, log }: GatewayOptions): Gateway {
  const callers = new RequestCallers(security.authentication.enabled ? null : UNAUTHENTICATED_CALLER);
  const secrets = [...security.secrets, config.sign.authToken, config.cybertrace.password, config.filesafer.secretKey, config.filesafer.accessKey, config.apex.apiKey, config.cursorSecret];

  // In order: who is calling, how often, which documents, then per operation its scope and its size.
  const plugins: Plugin[] = [
    useRequestId(),
    useAuthentication({ authentication: security.authentication, graphqlEndpoint: GRAPHQL_ENDPOINT, callers }),
    security.rateLimit && useRateLimit({ rateLimit: security.rateLimit, graphqlEndpoint: GRAPHQL_ENDPOINT, callers }),
    security.trustedDocuments && useTrustedDocuments({ trustedDocuments: security.trustedDocuments }),
    useScopeCheck() as Plugin,
    useQueryLimits({ limits: security.limits, introspection: config.introspection }),
  ].filter((plugin): plugin is Plugin => Boolean(plugin));

  return createYoga<Record<string, never>, GatewayContext>({
    schema: guardTenantScopedTypes(schema),
    context: createContextFactory({ config, upstreams, callerOf: (request) => callers.of(request), now }),
    plugins,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    // The bundled GraphiQL works with no CDN reachable, as on an isolated security network.
    renderGraphiQL,
    graphiql: config.graphiql ? { title: 'SecOps gateway', defaultTabs: [{ query: DEMO_QUERY, variables: JSON.stringify(DEMO_VARIABLES, null, 2) }] } : false,
    // An array body (HTTP batching) is refused with 400; one operation per request keeps the limits per request.
    batching: false,
    maxRequestBodySize: security.limits.maxBodyBytes,
    ...(security.trustedDocuments === null ? {} : { extraParamNames: [DOCUMENT_ID_PARAM] }),
    // GraphQLErrors (bad input, upstream failures) reach the caller; anything else is "Unexpected error."
    // with the request id, and is logged (redacted) with the same id. Never the original error, whatever NODE_ENV says.
    maskedErrors: {
      isDev: false,
      maskError: (error, message) => {
        const masked = maskError(error, message, false);
        if (masked === error || !(masked instanceof Error)) return masked;
        const requestId = currentRequestId();
        const original = masked as Error & { nodes?: never; path?: readonly (string | number)[] };
        return createGraphQLError(message, {
          ...(original.nodes === undefined ? {} : { nodes: original.nodes }),
          ...(original.path === undefined ? {} : { path: original.path }),
          extensions: { code: 'INTERNAL_SERVER_ERROR', unexpected: true, ...(requestId === undefined ? {} : { requestId }) },
        });
      },
    },
    logging: createGatewayLogger({ secrets, ...(log === undefined ? {} : { sink: log }) }),
  });
}

/** Serves the gateway over HTTP; `/` points a browser at GraphiQL. */
export function serveGateway(gateway: Gateway): Server {
  return createServer((req, res) => {
    if (req.url === '/' && req.method === 'GET') {
      res.writeHead(302, { location: GRAPHQL_ENDPOINT }).end();
      return;
    }
    void gateway.handle(req, res);
  });
}
