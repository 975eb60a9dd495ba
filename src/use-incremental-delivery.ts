import { GraphQLDeferDirective, GraphQLStreamDirective } from '@graphql-tools/utils';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { GraphQLSchema, type ValidationRule } from 'graphql';
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
  const rules = deferStreamRules();
  return {
    // The plugin's rules, added here: the directives are declared with the schema (declareIncrementalDirectives).
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
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
 * The validation rules of yoga's defer/stream plugin (labels, root fields, lists, overlapping
 * fields), taken from its hook once. Its hook also filters every request's rules by name, a
 * filter whose result envelop never reads (it validates with the rules added, not with
 * `params.rules`), at ~1% of a small page's CPU; the rules it adds are the same either way.
 */
function deferStreamRules(): ValidationRule[] {
  const rules: ValidationRule[] = [];
  const onValidate = useDeferStream().onValidate as (payload: {
    params: { rules: ValidationRule[] };
    addValidationRule: (rule: ValidationRule) => void;
  }) => void;
  onValidate({ params: { rules: [] }, addValidationRule: (rule) => rules.push(rule) });
  return rules;
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
