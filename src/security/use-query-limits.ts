import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { QueryLimits } from './config.js';
import { maxRowsRule } from './connection-rows.js';

/**
 * What one operation may ask: graphql-armor's depth, cost, alias, directive and token limits
 * (rejected at validation, HTTP 400), rows read through connections (connection-rows.ts, checked
 * with the variables just before execution), and introspection only where it is switched on.
 * The body size limit and the refusal of batched (array) bodies are yoga options (server.ts).
 */

/** List arguments whose length multiplies what is selected below the field. */
const LIST_ARGUMENTS = { 'Query.nodes': 'ids', 'Query.indicators': 'values', 'Query._entities': 'representations' };

/**
 * graphql-armor throws its refusals out of validation, where yoga gives them neither a code nor
 * HTTP 400; reported instead, they are validation errors like any other (and lose "Syntax Error:").
 */
const reportRefusal = { propagateOnRejection: false, onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')))] };

export function useQueryLimits({ limits, introspection }: { limits: QueryLimits; introspection: boolean }): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        EnvelopArmorPlugin({
          // Fragments are flattened so that a fragment costs what its fields cost, no more, no less.
          maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: introspection, ...reportRefusal },
          costLimit: { maxCost: limits.maxCost, flattenFragments: true, ignoreIntrospection: introspection, ...reportRefusal },
          maxAliases: { n: limits.maxAliases, ...reportRefusal },
          maxDirectives: { n: limits.maxDirectives, ...reportRefusal },
          // Counted while parsing, before there is a validation context: a parse error (GRAPHQL_PARSE_FAILED, 400).
          maxTokens: { n: limits.maxTokens },
          // "Did you mean ...?" would list the schema's fields to a caller that may not introspect.
          blockFieldSuggestion: { enabled: !introspection },
        }),
      );
      if (!introspection) addPlugin({ onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) });
    },
    onExecute({ args, setResultAndStopExecution }) {
      const errors = validate(args.schema, args.document, [
        maxRowsRule({ maxRows: limits.maxRows, defaultPageSize: limits.defaultPageSize, variables: args.variableValues, operationName: args.operationName, listArguments: LIST_ARGUMENTS }),
      ]);
      if (errors.length > 0) setResultAndStopExecution({ errors });
    },
  };
}
