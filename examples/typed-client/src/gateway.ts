import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';

/** The gateway answered errors: each carries `extensions.code` (BAD_USER_INPUT, UPSTREAM_ERROR, ...). */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly GraphQLFormattedError[],
  ) {
    super(`gateway answered HTTP ${status}: ${errors.map((error) => `${String(error.extensions?.['code'])}: ${error.message}`).join('; ')}`);
  }
}

/** What `execute` answers: the data, typed by the document, and any field errors beside it. */
export interface GatewayAnswer<Result> {
  data: Result;
  errors: readonly GraphQLFormattedError[];
}

export interface GatewayClientOptions {
  /** Such as http://localhost:4000/graphql. */
  url: string;
  /** `Authorization: Bearer <JWT>` when the gateway checks callers (live mode). */
  token?: string;
  /** Send the document's hash only (the gateway runs GATEWAY_TRUSTED_DOCUMENTS), not its text. */
  trustedDocuments?: boolean;
}

/**
 * A typed fetch: the result and the variables are typed by the document, which codegen made from
 * the gateway's schema. A partial answer (data beside errors: an upstream failed on one field)
 * comes back as data; an answer with no data throws.
 */
export async function execute<Result, Variables>(
  options: GatewayClientOptions,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<GatewayAnswer<Result>> {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  const body = options.trustedDocuments && hash ? { documentId: hash, variables } : { query: print(document), variables };
  const response = await fetch(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { data?: Result | null; errors?: GraphQLFormattedError[] };
  if (answer.data === undefined || answer.data === null) throw new GatewayError(response.status, answer.errors ?? []);
  return { data: answer.data, errors: answer.errors ?? [] };
}
