import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { GatewayConfig } from './config.js';
import { DEMO_VARIABLES } from './demo.js';
import { createContextFactory, type GatewayContext } from './context.js';
import { schema } from './schema/index.js';
import type { Upstreams } from './upstreams/index.js';

/** The example GraphiQL opens on: the same document the tests run, so it is known to work. */
const DEMO_QUERY = readFileSync(new URL('../schema/operations/sim-threats.graphql', import.meta.url), 'utf8');

export interface GatewayOptions {
  config: GatewayConfig;
  upstreams: Upstreams;
  /** A fixed clock for tests; the wall clock otherwise. */
  now?: () => Date;
}

export type Gateway = YogaServerInstance<Record<string, never>, GatewayContext>;

export function createGateway({ config, upstreams, now }: GatewayOptions): Gateway {
  return createYoga<Record<string, never>, GatewayContext>({
    schema,
    context: createContextFactory({ config, upstreams, now }),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    // The bundled GraphiQL works with no CDN reachable, as on an isolated security network.
    renderGraphiQL,
    graphiql: config.graphiql ? { title: 'SecOps gateway', defaultTabs: [{ query: DEMO_QUERY, variables: JSON.stringify(DEMO_VARIABLES, null, 2) }] } : false,
    // GraphQLErrors (bad input, upstream failures) reach the caller; anything else is "Unexpected error."
    maskedErrors: true,
    logging: 'warn',
  });
}

/** Serves the gateway over HTTP; `/` points a browser at GraphiQL. */
export function serveGateway(gateway: Gateway): Server {
  return createServer((req, res) => {
    if (req.url === '/' && req.method === 'GET') {
      res.writeHead(302, { location: '/graphql' }).end();
      return;
    }
    void gateway.handle(req, res);
  });
}
