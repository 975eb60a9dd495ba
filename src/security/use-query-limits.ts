import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate, type ASTVisitor, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { QueryLimits } from './config.js';
import { maxRowsRule } from './connection-rows.js';

/**
 * What one operation may ask: graphql-armor's depth, cost, alias, directive and token limits
 * (rejected at validation, HTTP 400), rows read through connections (connection-rows.ts, checked
 * with the variables just before execution), and introspection only where it is switched on.
 * The body size limit and the refusal of batched (array) bodies are yoga options (server.ts).
 *
 * Behind a federation router the limits count what the client asked: a router's subgraph request
 * is a part of the client's operation (its depth and cost are no larger), except that a router
 * batching entity fetches aliases each `_entities` field, so those aliases are not counted.
 * `_service { sdl }` describes the schema: it follows the introspection setting, except for a
 * recognised router (composition).
 */

/** List arguments whose length multiplies what is selected below the field. */
const LIST_ARGUMENTS = { 'Query.nodes': 'ids', 'Query.indicators': 'values', 'Query._entities': 'representations' };

/**
 * graphql-armor throws its refusals out of validation, where yoga gives them neither a code nor
 * HTTP 400; reported instead, they are validation errors like any other (and lose "Syntax Error:").
 */
const reportRefusal = { propagateOnRejection: false, onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')))] };

/** Refuses `_service`, the subgraph SDL, where introspection is off and no router is recognised. */
function noServiceSdlRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (node.name.value === '_service' && context.getParentType() === context.getSchema().getQueryType()) {
        context.reportError(new GraphQLError('The subgraph SDL (_service) is not served here: introspection is off. Compose from schema/subgraph.graphql, or send a router token.', { nodes: node }));
      }
    },
  };
}

export function useQueryLimits({ limits, introspection, viaRouter }: { limits: QueryLimits; introspection: boolean; viaRouter: (request: Request) => boolean }): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        EnvelopArmorPlugin({
          // Fragments are flattened so that a fragment costs what its fields cost, no more, no less.
          maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: introspection, ...reportRefusal },
          costLimit: { maxCost: limits.maxCost, flattenFragments: true, ignoreIntrospection: introspection, ...reportRefusal },
          // A router's own aliases of the entity fetches it batches are not the client's (`__typename`: armor's default).
          maxAliases: { n: limits.maxAliases, allowList: ['__typename', '_entities'], ...reportRefusal },
          maxDirectives: { n: limits.maxDirectives, ...reportRefusal },
          // Counted while parsing, before there is a validation context: a parse error (GRAPHQL_PARSE_FAILED, 400).
          maxTokens: { n: limits.maxTokens },
          // "Did you mean ...?" would list the schema's fields to a caller that may not introspect.
          blockFieldSuggestion: { enabled: !introspection },
        }),
      );
      if (!introspection) {
        addPlugin({
          onValidate: ({ addValidationRule, context }) => {
            addValidationRule(NoSchemaIntrospectionCustomRule);
            if (!viaRouter((context as { request: Request }).request)) addValidationRule(noServiceSdlRule);
          },
        });
      }
    },
    onExecute({ args, setResultAndStopExecution }) {
      const errors = validate(args.schema, args.document, [
        maxRowsRule({ maxRows: limits.maxRows, defaultPageSize: limits.defaultPageSize, variables: args.variableValues, operationName: args.operationName, listArguments: LIST_ARGUMENTS }),
      ]);
      if (errors.length > 0) setResultAndStopExecution({ errors });
    },
  };
}
