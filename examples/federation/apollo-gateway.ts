import { randomUUID } from 'node:crypto';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * Apollo Gateway (with Apollo Server) in front of the SecOps gateway's subgraph endpoint (README,
 * "Behind a federation router"): composition from each subgraph's `_service`, the caller's headers
 * forwarded, the router's own token added, a subgraph's 429 kept as 429 with its Retry-After.
 * test/integration/federation.test.ts runs this file as it is.
 */

/** What the router keeps of each client request, for the subgraph requests it makes. */
export interface RouterContext {
  authorization?: string;
  signToken?: string;
  /** One id per client operation, made here, sent on each of its subgraph requests (the rate limit counts the operation once). */
  operationId: string;
}

/** Builds the context of one client request (pass to `startStandaloneServer` or `expressMiddleware`). */
export function routerContext({ req }: { req: { headers: Record<string, string | string[] | undefined> } }): Promise<RouterContext> {
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  return Promise.resolve({ authorization: header('authorization'), signToken: header('x-auth-token'), operationId: randomUUID() });
}

class SecopsDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(
    url: string,
    private readonly routerToken: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const headers = request.http!.headers;
    headers.set('x-router-authorization', `Bearer ${this.routerToken}`);
    // Composition (`_service`) has no client: the router is then the caller.
    if ('operationId' in context) {
      if (context.authorization !== undefined) headers.set('authorization', context.authorization);
      if (context.signToken !== undefined) headers.set('x-auth-token', context.signToken);
      headers.set('x-router-operation-id', context.operationId);
    }
  }

  /** A 429 stays a rate limit (code and seconds), not "429: Too Many Requests". */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    if (response.status !== 429) return super.errorFromResponse(response);
    const body = (await response.json().catch(() => ({}))) as { errors?: { message?: string }[] };
    const retryAfterSeconds = Number(response.headers.get('retry-after') ?? '1');
    return new GraphQLError(body.errors?.[0]?.message ?? 'Too many requests.', { extensions: { code: 'RATE_LIMITED', retryAfterSeconds } });
  }
}

/** Answers 429 with Retry-After when a subgraph refused an operation for its rate. */
const keepRetryAfter: ApolloServerPlugin<RouterContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, errors }) {
        const limited = errors?.find((error) => error.extensions?.['code'] === 'RATE_LIMITED');
        if (limited === undefined) return;
        response.http.status = 429;
        response.http.headers.set('retry-after', String(limited.extensions['retryAfterSeconds'] ?? 1));
      },
    };
  },
};

export interface SecopsApolloGatewayOptions {
  /** Every subgraph; `secops` is the SecOps gateway's `/subgraph` URL. */
  subgraphs: { name: string; url: string }[];
  /** A token the SecOps gateway accepts, with the `router` scope. */
  routerToken: string;
}

export function createApolloRouter({ subgraphs, routerToken }: SecopsApolloGatewayOptions): ApolloServer<RouterContext> {
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs }),
    buildService: ({ name, url }) =>
      name === 'secops' ? new SecopsDataSource(url!, routerToken) : new RemoteGraphQLDataSource<RouterContext>({ url: url!, willSendRequest: forwardCaller }),
  });
  return new ApolloServer<RouterContext>({ gateway, plugins: [keepRetryAfter] });
}

/** Other subgraphs get the caller's token, not the router's. */
function forwardCaller({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): void {
  if ('operationId' in context && context.authorization !== undefined) request.http!.headers.set('authorization', context.authorization);
}
