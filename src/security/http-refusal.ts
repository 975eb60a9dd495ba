import type { GraphQLError } from 'graphql';

/**
 * A request refused before GraphQL runs (no or bad token, rate limit): a GraphQL-shaped JSON body
 * with the error's code, and the HTTP status and headers the error carries in `extensions.http`.
 */
export function refusalResponse(error: GraphQLError): Response {
  const http = (error.extensions['http'] ?? {}) as { status?: number; headers?: Record<string, string> };
  const { http: _http, ...extensions } = error.extensions;
  return new Response(JSON.stringify({ errors: [{ message: error.message, extensions }] }), {
    status: http.status ?? 400,
    headers: { 'content-type': 'application/json; charset=utf-8', ...http.headers },
  });
}
