import type { GraphQLParams, Plugin, YogaServer } from 'graphql-yoga';
import { refusalResponse, unansweredRequest } from './errors.js';
import type { GatewayLogger } from './observability/logger.js';
import { requestIdOf } from './observability/request-scope.js';
import { pathOf } from './request-path.js';
import { bodyWithinLimit } from './security/use-body-limit.js';
import { UNEXPECTED_MESSAGE } from './use-error-masking.js';

/** yoga's result hook, its input and its processors, as its Plugin type names them (the package exports none by name). */
type OnResultProcess = NonNullable<Plugin['onResultProcess']>;
type ResultProcessEvent = Parameters<OnResultProcess>[0];
type ResultProcessorInput = ResultProcessEvent['result'];
type ResultProcessor = Parameters<ResultProcessEvent['setResultProcessor']>[0];
type OnParams = NonNullable<Plugin['onParams']>;
type ParamsHandler = YogaServer<Record<string, unknown>, Record<string, unknown>>['handleParams'];
/** What the onParams hooks hand on: the parameters and their handler as the hooks left them, or a result one of them set. */
interface HandedOn {
  params: GraphQLParams;
  paramsHandler: ParamsHandler;
  result: ResultProcessorInput | undefined;
}

/**
 * The common request, one JSON operation POSTed over node's HTTP server, answered by yoga's own
 * steps from its parameters on: every onParams hook (its checks of the parameters, the trusted
 * documents, the operation's name), then its `handleParams` (parse, validation, context, execution
 * and every envelop plugin: authentication's caller, limits, masking), then every onResultProcess
 * hook and the result processor they choose. The hooks run in yoga's order with yoga's payloads, as
 * its `getResultForParams` and `processResult` run them, in plain loops that await only a hook that
 * returned a promise. What it leaves out is yoga's request-parsing step (a chain of its own over
 * yoga's parsers, the method check, the batching check and the body limit), whose outcome for such
 * a request is known before it runs: the body read as JSON, one operation, a POST, a Content-Length
 * within the limit. That step and the chains around the hooks were ~10% of a 20-row page's CPU
 * (bench/README.md, "Twentieth pass").
 *
 * Every onRequest hook has run before (the request id, the browser guards, authentication: a
 * refusal there never reaches the lane), and every onResponse hook runs after (the access line).
 * Anything else is yoga's: another method, media type or endpoint, a body without a Content-Length or
 * over the limit, and a body that is not one JSON object are handed to yoga's own handler, which reads
 * the same body again (whatwg-node keeps the text it read) and answers as it always does; so is a
 * request whose parameters an onParams hook refused, which ran nothing. In-process `fetch` (no node
 * request) always takes yoga's path: the tests compare the two answers.
 */
export function usePlainJsonLane({ endpoints, maxBodyBytes, logger }: { endpoints: readonly string[]; maxBodyBytes: number; logger: GatewayLogger }): Plugin {
  let handleParams: ParamsHandler | undefined;
  let paramsHooks: OnParams[] = [];
  let resultHooks: OnResultProcess[] = [];

  return {
    onYogaInit({ yoga }) {
      const plugins = (yoga as unknown as { plugins: Plugin[] }).plugins.filter(Boolean);
      // An onExecutionResult hook runs after execution, in yoga's getResultForParams: a refusal from it
      // could not be handed back to yoga without running the operation twice. A plugin's
      // instrumentation wraps yoga's own steps (parsing, operation, result) in its spans, which the
      // lane would not. Neither is installed; should one ever be, every request takes yoga's path.
      if (plugins.some((plugin) => plugin.onExecutionResult !== undefined || plugin.instrumentation !== undefined)) return;
      handleParams = yoga.handleParams;
      paramsHooks = plugins.flatMap((plugin) => (plugin.onParams === undefined ? [] : [plugin.onParams as OnParams]));
      resultHooks = plugins.flatMap((plugin) => (plugin.onResultProcess === undefined ? [] : [plugin.onResultProcess as OnResultProcess]));
    },
    onRequest({ request, serverContext, requestHandler, setRequestHandler, fetchAPI }) {
      const fromNode = (serverContext as { req?: unknown }).req !== undefined;
      if (handleParams === undefined || !fromNode || !isPlainJsonPost(request, endpoints, maxBodyBytes)) return;
      const yogaHandler = requestHandler;
      const handle = handleParams;
      setRequestHandler(async (laneRequest, context) => {
        let params: unknown;
        try {
          params = await laneRequest.json();
        } catch {
          return yogaHandler(laneRequest, context);
        }
        if (typeof params !== 'object' || params === null || Array.isArray(params)) return yogaHandler(laneRequest, context);
        let handedOn: HandedOn;
        try {
          handedOn = await runParamsHooks(params as GraphQLParams, laneRequest, context, handle, fetchAPI);
        } catch {
          // A refusal from an onParams hook, before anything ran: yoga answers it in its own words.
          return yogaHandler(laneRequest, context);
        }
        try {
          // As yoga's getResultForParams hands it on: a result a hook set, or the handler's.
          const result =
            handedOn.result !== undefined
              ? handedOn.result
              : ((await handedOn.paramsHandler({
                  request: laneRequest,
                  params: handedOn.params,
                  context: context as Parameters<ParamsHandler>[0]['context'],
                })) as ResultProcessorInput);
          return await processResult(laneRequest, result, context, fetchAPI);
        } catch (error) {
          return unexpected(error, laneRequest);
        }
      });
    },
  };

  /** The first half of yoga's getResultForParams: each onParams hook in turn (a hook may change the parameters, their handler, or set the result). */
  async function runParamsHooks(
    sent: GraphQLParams,
    request: Request,
    context: Record<string, unknown>,
    handle: ParamsHandler,
    fetchAPI: Parameters<OnParams>[0]['fetchAPI'],
  ): Promise<HandedOn> {
    let params = sent;
    let paramsHandler = handle;
    let result: ResultProcessorInput | undefined;
    for (const onParams of paramsHooks) {
      const pending = onParams({
        params,
        request,
        setParams: (next) => {
          params = next;
        },
        paramsHandler,
        setParamsHandler: (next) => {
          paramsHandler = next;
        },
        setResult: (next) => {
          result = next;
        },
        fetchAPI,
        context: context as Parameters<OnParams>[0]['context'],
      });
      if (pending !== undefined) await pending;
    }
    return { params, paramsHandler, result };
  }

  /** yoga's processResult: each hook in turn (a hook may change the result or choose its processor), then the processor. */
  async function processResult(
    request: Request,
    input: ResultProcessorInput,
    serverContext: Record<string, unknown>,
    fetchAPI: { Response: typeof Response },
  ): Promise<Response> {
    let result = input;
    let resultProcessor: ResultProcessor | undefined;
    let acceptedMediaType = '*/*';
    const acceptableMediaTypes: string[] = [];
    for (const onResultProcess of resultHooks) {
      const pending = onResultProcess({
        request,
        acceptableMediaTypes,
        result,
        setResult: (next) => {
          result = next;
        },
        resultProcessor,
        setResultProcessor: (processor, mediaType) => {
          resultProcessor = processor;
          acceptedMediaType = mediaType;
        },
        serverContext: serverContext as ResultProcessEvent['serverContext'],
      });
      // Only a hook that returned a promise is awaited: the others cost no turn of the event loop.
      if (pending !== undefined) await pending;
    }
    if (resultProcessor === undefined) {
      return new fetchAPI.Response(null, {
        status: 406,
        statusText: 'Not Acceptable',
        headers: { accept: acceptableMediaTypes.join('; charset=utf-8, ') },
      });
    }
    return resultProcessor(result, fetchAPI as Parameters<ResultProcessor>[1], acceptedMediaType);
  }

  /** A failure after the operation ran (no hook or processor here fails today): masked, the original logged under the request id. */
  function unexpected(error: unknown, request: Request): Response {
    const requestId = requestIdOf(request);
    logger.forRequest(requestId).error(error);
    return refusalResponse(unansweredRequest(UNEXPECTED_MESSAGE, requestId));
  }
}

/**
 * A POST to a GraphQL endpoint whose body yoga would read as JSON (its POST JSON parser's match:
 * the first media type `application/json`, with or without parameters) and whose Content-Length
 * the body limit accepts.
 */
function isPlainJsonPost(request: Request, endpoints: readonly string[], maxBodyBytes: number): boolean {
  if (request.method !== 'POST' || !endpoints.includes(pathOf(request.url))) return false;
  const contentType = request.headers.get('content-type')?.split(',')[0];
  if (contentType !== 'application/json' && !contentType?.startsWith('application/json;')) return false;
  return bodyWithinLimit(request.headers.get('content-length'), maxBodyBytes);
}
