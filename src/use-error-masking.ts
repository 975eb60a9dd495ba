import { type ExecutionResult, GraphQLError } from 'graphql';
import { handleStreamOrSingleExecutionResult, maskError, type Plugin, type YogaServerOptions } from 'graphql-yoga';
import type { GatewayContext } from './context.js';
import { codeRequestError, unexpectedError } from './errors.js';
import type { GatewayLogger } from './observability/logger.js';
import { hideSchemaHints as withoutSchemaHints } from './security/use-query-limits.js';

/** What the caller reads of an error the gateway did not mean to answer. */
export const UNEXPECTED_MESSAGE = 'Unexpected error.';

/**
 * Every error the caller sees carries `extensions.code`. Errors the gateway made (bad input,
 * upstream failures: all coded) pass; a coded-less request error (a variable of the wrong type, an
 * operation the schema cannot run) becomes BAD_USER_INPUT or BAD_REQUEST with HTTP 400; anything
 * else (a crash, a library's uncoded field error) is "Unexpected error." with the request id, and
 * the original is logged through the redacting logger under the same id. Never the original
 * error, whatever NODE_ENV says.
 *
 * Two places mask: `useErrorMasking` for what execution answers (there the request, and so its
 * id, is known), and yoga's own masking (`maskedErrorsOptions`) for everything else and as the
 * last word: yoga hands its mask no request, so what only it masks carries no request id.
 */
export function useErrorMasking({ logger }: { logger: GatewayLogger }): Plugin<GatewayContext> {
  /** The error as the caller may see it; an unexpected one is logged, under the request id, as it is masked. */
  const maskAndLog = (error: unknown, requestId: string | undefined): Error => {
    const masked = maskUnexpectedErrors(error, UNEXPECTED_MESSAGE, requestId);
    if (masked !== error) logger.forRequest(requestId).error(error);
    return masked;
  };
  const maskResult =
    (requestId: string | undefined) =>
    ({ result, setResult }: { result: ExecutionResult; setResult: (result: ExecutionResult) => void }) => {
      const errors = result.errors?.map((error) => maskAndLog(error, requestId) as GraphQLError);
      if (errors?.some((error, index) => error !== result.errors?.[index])) setResult({ ...result, errors });
    };
  return {
    // Before yoga's masking (it comes after every plugin given to yoga): what it is handed here is already masked.
    onExecute: ({ args }) => ({ onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, maskResult(args.contextValue.requestId)) }),
    onSubscribe: ({ args }) => {
      const requestId = args.contextValue.requestId;
      return {
        onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, maskResult(requestId)),
        onSubscribeError: ({ error, setError }) => setError(maskAndLog(error, requestId)),
      };
    },
  };
}

/** yoga's `maskedErrors`: the last word on every error, its own request errors included. */
export function maskedErrorsOptions({ introspection }: { introspection: boolean }): YogaServerOptions<object, object>['maskedErrors'] {
  return { isDev: false, maskError: (error, message) => asAnswered(maskUnexpectedErrors(error, message, undefined), { hideSchemaHints: !introspection }) };
}

function maskUnexpectedErrors(error: unknown, message: string, requestId: string | undefined): Error {
  const masked = maskError(error, message, false);
  if (masked === error && error instanceof GraphQLError) {
    // yoga describes a body that is not JSON with the parser's message, which quotes the body back.
    delete (error.extensions as Record<string, unknown>)['originalError'];
    if (typeof error.extensions['code'] === 'string') return error;
    if (error.path === undefined) {
      // Coded in place: the same error is not logged (it is the caller's mistake, not the gateway's).
      return codeRequestError(error, { badInput: error.message.startsWith('Variable "$') });
    }
  }
  const located = error instanceof GraphQLError ? error : undefined;
  return unexpectedError(message, { nodes: located?.nodes, path: located?.path, requestId });
}

/**
 * What every error becomes on its way out: one on a field (beside data) never sets the HTTP
 * status, a partial answer is 200 (an upstream's 401 on one field is not the request's); a
 * request that is not well-formed is 400; and with
 * introspection off, "Did you mean ...?" (fields, enum values, types) does not describe the schema.
 */
function asAnswered(error: Error, { hideSchemaHints }: { hideSchemaHints: boolean }): Error {
  if (!(error instanceof GraphQLError)) return error;
  const extensions = error.extensions as Record<string, unknown>;
  if (error.path !== undefined) delete extensions['http'];
  // A request that is not well-formed GraphQL over HTTP (a body that is not JSON) is 400 whatever
  // it accepts; yoga marks its status as the spec's, which it drops for application/json.
  const http = extensions['http'] as { spec?: boolean } | undefined;
  if (error.path === undefined && error.locations === undefined && http?.spec === true) delete http.spec;
  return hideSchemaHints ? withoutSchemaHints(error) : error;
}
