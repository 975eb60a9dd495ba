import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { AdmissionGate } from './admission-gate.js';
import type { GatewayConfig } from './config.js';
import { loadExampleOperations } from './example-operations.js';
import { graphiqlOptions, renderGraphiQLWithExamples } from './graphiql.js';
import { createContextFactory, type GatewayContext } from './context.js';
import { createThreatFeeds, type ThreatFeedOptions } from './feed/index.js';
import { usePlainJsonLane } from './use-plain-json-lane.js';
import { useIndicatorBatching } from './indicators/use-indicator-batching.js';
import type { GatewayLogger } from './observability/logger.js';
import { createGatewayMetrics } from './observability/metrics.js';
import { ExactPathPattern, pathOf } from './request-path.js';
import { METRICS_ENDPOINT, READINESS_ENDPOINT, useObservability } from './observability/use-observability.js';
import { useCompiledExecution } from './use-compiled-execution.js';
import { useValidationCache } from './use-validation-cache.js';
import { YOGA_REQUEST_PATH } from './yoga-request-path.js';
import { maskedErrorsOptions, useErrorMasking } from './use-error-masking.js';
import { declareIncrementalDirectives, useIncrementalDelivery } from './use-incremental-delivery.js';
import { schema, subgraphSchema } from './schema/index.js';
import { UNAUTHENTICATED_CALLER } from './security/caller.js';
import type { SecurityConfig } from './security/config.js';
import { corsOptions, useBrowserGuards } from './security/use-browser-guards.js';
import { FailedAuthenticationLimit } from './security/failed-authentication-limit.js';
import { RequestCallers, useAuthentication } from './security/use-authentication.js';
import { useBodyLimit } from './security/use-body-limit.js';
import { useQueryLimits } from './security/use-query-limits.js';
import { useRateLimit } from './security/use-rate-limit.js';
import { useScopeCheck } from './security/use-scope-check.js';
import { DOCUMENT_ID_PARAM, useTrustedDocuments } from './security/use-trusted-documents.js';
import type { Upstreams } from './upstreams/index.js';

/** The public graph, for analysts and apps (GraphiQL opens here). */
const GRAPHQL_ENDPOINT = '/graphql';
/** The same graph as a federation subgraph (`_service`, `_entities`), for routers only (README, "Behind a federation router"). */
export const SUBGRAPH_ENDPOINT = '/subgraph';
/** yoga's liveness answer: 200 while the process is up. */
const HEALTH_ENDPOINT = '/health';

export interface GatewayOptions {
  config: GatewayConfig;
  /** Caller authentication, limits, trusted documents: parsed once, by the caller (main.ts), like `config`. */
  security: SecurityConfig;
  upstreams: Upstreams;
  /** A fixed clock for tests; the wall clock otherwise. */
  now?: () => Date;
  /** The process's one redacting logger, also given to the upstreams (main.ts builds it); tests pass one writing to a sink. */
  logger: GatewayLogger;
  /** How threat feeds tick and coordinate; tests drive polls by count with their own ticker. */
  feeds?: ThreatFeedOptions;
  /** The admission gate `serveGateway` is given, if any: /metrics reports its bound and its line. */
  admission?: AdmissionGate | undefined;
}

export type Gateway = YogaServerInstance<Record<string, never>, GatewayContext>;

export function createGateway({ config, security, upstreams, now, logger, feeds: feedOptions, admission }: GatewayOptions): Gateway {
  const callers = new RequestCallers(security.authentication.enabled ? null : UNAUTHENTICATED_CALLER);
  const pools = [upstreams.sign, upstreams.cybertrace, upstreams.filesafer, upstreams.apex];
  const feeds = createThreatFeeds({ config, upstreams, onError: (error) => logger.warn(`threat feed: ${(error as Error).message}`), ...feedOptions });

  // In order: the request id and what is measured under it (/metrics, /readiness answer here),
  // then what a browser may not send, who is calling, how often, which documents, then per operation its scope and its size.
  const plugins: Plugin[] = [
    useObservability({
      metrics: createGatewayMetrics(pools, admission && (() => admission.state)),
      logger,
      upstreams: pools,
      graphqlEndpoints: [GRAPHQL_ENDPOINT, SUBGRAPH_ENDPOINT],
    }),
    useBrowserGuards({ allowedOrigins: security.corsOrigins, graphqlEndpoints: [GRAPHQL_ENDPOINT, SUBGRAPH_ENDPOINT] }),
    useAuthentication({
      authentication: security.authentication,
      graphqlEndpoint: GRAPHQL_ENDPOINT,
      subgraphEndpoint: SUBGRAPH_ENDPOINT,
      callers,
      failedAuthentications: security.failedAuthentications && new FailedAuthenticationLimit(security.failedAuthentications),
    }),
    security.rateLimit &&
      (useRateLimit({
        rateLimit: security.rateLimit,
        graphqlEndpoints: [GRAPHQL_ENDPOINT, SUBGRAPH_ENDPOINT],
        callers,
        ...(now === undefined ? {} : { now: () => now().getTime() }),
        ...(config.cache.redisUrl === undefined ? {} : { redisUrl: config.cache.redisUrl }),
        onError: (error) => logger.warn(`rate limit store unavailable, limiting per instance: ${error.message}`),
      }) as Plugin),
    security.trustedDocuments && useTrustedDocuments({ trustedDocuments: security.trustedDocuments, viaRouter: (request) => callers.viaRouter(request) }),
    useScopeCheck() as Plugin,
    useQueryLimits({ limits: security.limits, introspection: config.introspection, viaRouter: (request) => callers.viaRouter(request) }),
    useIndicatorBatching(),
    // Unexpected errors of an execution masked with the request id, and logged under it.
    useErrorMasking({ logger }) as Plugin,
    // @defer and @stream: a page at once, its joins as the intelligence upstreams answer.
    useIncrementalDelivery(),
    // Queries and mutations answered in one part: compiled once per document (answers unchanged).
    useCompiledExecution(),
    // After every plugin that adds a validation rule: it keys results by the request's whole rule set.
    useValidationCache(),
    // Open feeds end, their pollers stop and their leases go when the gateway is disposed.
    { onDispose: () => feeds.close() },
    // After yoga's request parsers, where yoga puts its own body limit (switched off below).
    useBodyLimit(security.limits.maxBodyBytes),
    // Last of the onRequest hooks: a request refused by one before it never reaches the lane.
    usePlainJsonLane({ endpoints: [GRAPHQL_ENDPOINT, SUBGRAPH_ENDPOINT], maxBodyBytes: security.limits.maxBodyBytes, logger }),
  ].filter((plugin): plugin is Plugin => Boolean(plugin));

  // Read once, at start: an example without variables stops the start, not a browser's first visit.
  const examplesGraphiQL = config.graphiql ? graphiqlOptions(loadExampleOperations()) : undefined;
  const publicSchema = declareIncrementalDirectives(schema);
  const routerSchema = declareIncrementalDirectives(subgraphSchema);
  return createYoga<Record<string, never>, GatewayContext>({
    // One pipeline, two graphs: the subgraph protocol only where a router reaches it (useGraphOfEndpoint).
    schema: publicSchema,
    context: createContextFactory({
      config,
      upstreams,
      callerOf: (request) => callers.of(request),
      maxUpstreamCalls: security.limits.maxUpstreamCalls,
      feeds,
      now,
    }),
    plugins: [useGraphOfEndpoint(publicSchema, routerSchema), ...plugins],
    graphqlEndpoint: `/:endpoint(${GRAPHQL_ENDPOINT.slice(1)}|${SUBGRAPH_ENDPOINT.slice(1)})`,
    // yoga tests every request's path against that pattern: matched exactly, without the URLPattern polyfill.
    fetchAPI: { URLPattern: ExactPathPattern },
    healthCheckEndpoint: HEALTH_ENDPOINT,
    landingPage: false,
    // The bundled GraphiQL works with no CDN reachable, as on an isolated security network; it opens
    // on the example operations (the same documents and variables the tests run), one tab each.
    renderGraphiQL: renderGraphiQLWithExamples,
    // Off: no GraphiQL hook in the request pipeline at all.
    graphiql:
      examplesGraphiQL === undefined
        ? false
        : (request) => (pathOf(request.url) === GRAPHQL_ENDPOINT ? { ...examplesGraphiQL, endpoint: GRAPHQL_ENDPOINT } : false),
    ...YOGA_REQUEST_PATH,
    // No origin listed (the default): no CORS hooks at all, and no browser on another site may read an answer.
    cors: security.corsOrigins.length === 0 ? false : corsOptions(security.corsOrigins),
    // Parsed documents stay in yoga's cache; validation results in useValidationCache, keyed without a string per request.
    parserAndValidationCache: { validationCache: false },
    ...(security.trustedDocuments === null ? {} : { extraParamNames: [DOCUMENT_ID_PARAM] }),
    maskedErrors: maskedErrorsOptions({ introspection: config.introspection }),
    logging: logger,
  });
}

/**
 * Each request's graph, chosen as it is enveloped: the subgraph protocol (`_service`, `_entities`)
 * only on the endpoint a router reaches. yoga starts on the public graph; a schema function in its
 * options would make the same choice through two more hooks per request (its useSchema plugin),
 * ~2% of a small page's CPU (bench/README.md, "Eighteenth pass").
 */
function useGraphOfEndpoint(publicSchema: GraphQLSchema, routerSchema: GraphQLSchema): Plugin {
  return {
    onEnveloped({ context, setSchema }) {
      const request = (context as { request?: Request } | undefined)?.request;
      setSchema(request !== undefined && pathOf(request.url) === SUBGRAPH_ENDPOINT ? routerSchema : publicSchema);
    },
  };
}

/**
 * Serves the gateway over HTTP; `/` points a browser at GraphiQL. Requests pass the admission gate
 * when given (admission-gate.ts: bounded only while the collector holds the CPU), except event
 * streams (subscriptions), which stay open for as long as their caller listens, and health,
 * readiness and metrics, which never wait behind the load they report on.
 */
export function serveGateway(gateway: Gateway, { admission }: { admission?: AdmissionGate | undefined } = {}): Server {
  const server = createServer((req, res) => {
    if (req.url === '/' && req.method === 'GET') {
      res.writeHead(302, { location: GRAPHQL_ENDPOINT }).end();
      return;
    }
    if (admission === undefined || !isGatedRequest(req)) {
      void gateway.handle(req, res);
      return;
    }
    admission.enter(
      () => void gateway.handle(req, res),
      (ended) => res.once('close', ended),
    );
  });
  if (admission !== undefined) server.once('close', () => admission.close());
  return server;
}

/** What reports on the process: answered at once, never behind the load it reports on. */
const UNGATED_PATHS = new Set([HEALTH_ENDPOINT, READINESS_ENDPOINT, METRICS_ENDPOINT]);

/**
 * Every request but event streams and the process's own reports: a path yoga would also read as a
 * GraphQL endpoint (`/./graphql`, an absolute URL) is gated too, rather than parsed here per request.
 */
function isGatedRequest(req: IncomingMessage): boolean {
  const path = req.url === undefined ? '' : req.url.split('?', 1)[0]!;
  return !UNGATED_PATHS.has(path) && !req.headers.accept?.includes('text/event-stream');
}
