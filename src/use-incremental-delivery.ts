import { GraphQLDeferDirective, GraphQLStreamDirective } from '@graphql-tools/utils';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { notAcceptable, refusalResponse } from './errors.js';

/** What a client must accept to receive a result in parts. */
const STREAMING_MEDIA_TYPES = ['text/event-stream', 'multipart/mixed'];

/**
 * Results in parts: `@defer` and `@stream` (yoga's defer/stream plugin), and subscriptions. Yoga
 * answers a client that accepts neither Server-Sent Events nor multipart with a bare 406; here
 * that 406 says why, with `extensions.code`, like every other refusal.
 */
export function useIncrementalDelivery(): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(useDeferStream() as Plugin);
    },
    onResultProcess({ result, resultProcessor, setResultProcessor }) {
      if (resultProcessor !== undefined || !(Symbol.asyncIterator in result)) return;
      setResultProcessor(async (unread) => {
        // Never read: ended here, so a subscription frees its feed and its place in the caller's bound.
        await (unread as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
        return refusalResponse(
          notAcceptable(
            `This operation answers in parts (a subscription, @defer or @stream): send it with Accept: ${STREAMING_MEDIA_TYPES.join(' or ')}.`,
            STREAMING_MEDIA_TYPES.join(', '),
          ),
        );
      }, 'application/json');
    },
  };
}

/**
 * The schema with @defer and @stream declared. The plugin would add them itself, but the gateway
 * picks its schema per request (public or router graph), and the plugin would rebuild it each time.
 * The types are the same objects, so resolvers wrapped in place (tenant guard) stay wrapped.
 */
export function declareIncrementalDirectives(schema: GraphQLSchema): GraphQLSchema {
  const missing = [GraphQLDeferDirective, GraphQLStreamDirective].filter((directive) => schema.getDirective(directive.name) === undefined);
  if (missing.length === 0) return schema;
  const declared = new GraphQLSchema({ ...schema.toConfig(), directives: [...schema.getDirectives(), ...missing] });
  declared.extensions = schema.extensions;
  return declared;
}
