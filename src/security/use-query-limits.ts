import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  validate,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { keptWhenPassed, type OperationCheck } from '../cache/passed-checks.js';
import { DEFAULT_PAGE_ROWS } from '../schema/paging/connection-args.js';
import { isBadUserInput, validationError } from '../errors.js';
import { MAX_PAGE_SIZE } from '../schema/paging/upstream-page.js';
import type { QueryLimits } from './config.js';
import { literalPageRangeRule, operationBudgetRule, type FieldCalls } from './operation-budget.js';

/**
 * What one operation may ask: graphql-armor's depth, cost, alias, directive and token limits
 * (rejected at validation, HTTP 400); rows read through connections, upstream calls and list
 * lengths (operation-budget.ts, checked with the variables just before execution, with a
 * run-time count of calls behind it); and introspection only where it is switched on. The body
 * size limit and the refusal of batched (array) bodies are yoga options (server.ts).
 *
 * Behind a federation router the limits count what the client asked: a router's subgraph request
 * is a part of the client's operation (its depth and cost are no larger), except that a router
 * batching entity fetches aliases each `_entities` field, so those aliases are not counted.
 * `_service { sdl }` describes the schema: it follows the introspection setting, except for a
 * recognised router (composition).
 */

/** List arguments whose length multiplies what is selected below the field. */
const LIST_ARGUMENTS = { 'Query.nodes': 'ids', 'Query.indicators': 'values', 'Query._entities': 'representations' };

/** List fields that answer at most this many objects (a target names one or two indicators). */
const LIST_SIZES = { 'ThreatSummary.targetIndicators': 2, 'Threat.targetIndicators': 2 };

const sign = (calls: number): FieldCalls => ({ upstream: 'sign', calls, per: 'object' });
/** A Relay page of a SIGN list takes at most two SIGN requests (pagination.ts), even with `first: 0`. */
const SIGN_CONNECTION = sign(2);

/**
 * Every field that calls an upstream, and what it costs. Batch loaders (reputation, suspicious
 * objects by content, node and entity loads of suspicious objects) make one call per operation;
 * File Safer checks one hash per call.
 */
export const UPSTREAM_CALLS: Readonly<Record<string, FieldCalls>> = {
  'Tenant.threatSummaries': SIGN_CONNECTION,
  'Tenant.threats': SIGN_CONNECTION,
  'Tenant.flows': SIGN_CONNECTION,
  'Sim.threatSummaries': SIGN_CONNECTION,
  'Sim.threats': SIGN_CONNECTION,
  'Sim.flows': SIGN_CONNECTION,
  'Tenant.helpdesk': sign(1),
  'Tenant.flowLogRetention': sign(1),
  'TrafficReport.timeSeries': sign(1),
  'TrafficReport.statistics': sign(1),
  'TrafficReport.total': sign(1),
  'Mutation.setFlowLogRetention': sign(1),
  'Mutation.setHelpdeskContract': sign(1),
  'Indicator.reputation': { upstream: 'cybertrace', calls: 1, per: 'operation' },
  'Indicator.hashCheck': { upstream: 'filesafer', calls: 1, per: 'object' },
  'FileSafer.thresholdNotifications': { upstream: 'filesafer', calls: 1, per: 'object' },
  'Mutation.setThresholdNotification': { upstream: 'filesafer', calls: 1, per: 'object' },
  'Mutation.removeThresholdNotification': { upstream: 'filesafer', calls: 1, per: 'object' },
  'Indicator.suspiciousObject': { upstream: 'apex', calls: 1, per: 'operation' },
  'Query.node': { upstream: 'apex', calls: 1, per: 'operation' },
  'Query.nodes': { upstream: 'apex', calls: 1, per: 'operation' },
  'Query._entities': { upstream: 'apex', calls: 1, per: 'operation' },
  'Query.suspiciousObjects': { upstream: 'apex', calls: 1, per: 'object' },
  'Mutation.addSuspiciousObject': { upstream: 'apex', calls: 1, per: 'object' },
  'Mutation.blockIndicator': { upstream: 'apex', calls: 1, per: 'object' },
  'Mutation.removeSuspiciousObject': { upstream: 'apex', calls: 1, per: 'object' },
};

/** Traffic filter lists go out as repeated query parameters: 50 of each keep SIGN's URL well under its limit. */
const TRAFFIC_FILTER_LIST_MAXIMUM = 50;

/** The most items each list argument may hold (README, Security); longer is BAD_USER_INPUT before any call. */
export const LIST_MAXIMUMS: Readonly<Record<string, number>> = {
  'Query.nodes(ids:)': 100,
  'Query.indicators(values:)': 1_000,
  'Tenant.threatSummaries(severities:)': 6,
  'Sim.threatSummaries(severities:)': 6,
  ...Object.fromEntries(
    ['sourceAddresses', 'sourcePorts', 'sourceNetworks', 'destinationAddresses', 'destinationPorts', 'destinationNetworks', 'protocols'].map((field) => [
      `TrafficFilter.${field}`,
      TRAFFIC_FILTER_LIST_MAXIMUM,
    ]),
  ),
};

/**
 * graphql-armor throws its refusals out of validation, where yoga gives them neither a code nor
 * HTTP 400; reported instead, they are validation errors like any other (and lose "Syntax Error:").
 */
const reportRefusal = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(validationError(error.message.replace(/^Syntax Error: /, '')))],
};

/**
 * The operation budget, kept when it passes (cache/passed-checks.ts): a `validate()` per request was
 * ~3% of a 20-row page's CPU, and ~4% of a page joined to 100 indicators, whose list of values is long.
 */
export function cachedBudgetCheck(
  rule: (variables: Readonly<Record<string, unknown>> | undefined, operationName: string | null | undefined) => ValidationRule,
): OperationCheck {
  return keptWhenPassed((schema, document, operationName, variables) => validate(schema, document, [rule(variables, operationName)]));
}

/** Refuses `_service`, the subgraph SDL, where introspection is off and no router is recognised. */
function noServiceSdlRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (node.name.value === '_service' && context.getParentType() === context.getSchema().getQueryType()) {
        context.reportError(
          validationError(
            'The subgraph SDL (_service) is not served here: introspection is off. Compose from schema/subgraph.graphql, or send a router token.',
            node,
          ),
        );
      }
    },
  };
}

/**
 * With introspection off, "Did you mean ...?" (a field, an enum value, a type) would describe the
 * schema to a caller that may not introspect: the hint is cut from the error's message.
 */
export function hideSchemaHints<T extends Error>(error: T): T {
  if (error.message.includes('Did you mean')) error.message = error.message.replace(/ ?Did you mean [^?]*\?/g, '');
  return error;
}

export function useQueryLimits({
  limits,
  introspection,
  viaRouter,
}: {
  limits: QueryLimits;
  introspection: boolean;
  viaRouter: (request: Request) => boolean;
}): Plugin {
  const checkBudget = cachedBudgetCheck((variables, operationName) =>
    operationBudgetRule({
      maxRows: limits.maxRows,
      // The schema's paging bounds, not configuration: the budget counts rows as the connections will read them.
      defaultPageSize: DEFAULT_PAGE_ROWS,
      maxUpstreamCalls: limits.maxUpstreamCalls,
      maxPageSize: MAX_PAGE_SIZE,
      variables,
      operationName,
      listArguments: LIST_ARGUMENTS,
      listSizes: LIST_SIZES,
      upstreamCalls: UPSTREAM_CALLS,
      listMaximums: LIST_MAXIMUMS,
    }),
  );
  const pageRangeRule = literalPageRangeRule(MAX_PAGE_SIZE);
  return {
    onPluginInit({ addPlugin }) {
      addPlugin({
        onValidate: ({ addValidationRule }) => {
          addValidationRule(pageRangeRule);
          return ({ result, setResult }) => {
            // A page size out of range is the caller's mistake to name, not a cost the limits below would word otherwise.
            const badInput = result.filter(isBadUserInput);
            const errors = badInput.length > 0 ? badInput : [...result];
            if (!introspection) for (const error of errors) if (error instanceof GraphQLError) hideSchemaHints(error);
            if (badInput.length > 0) setResult(errors);
          };
        },
      });
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
      const errors = budgetErrors(args);
      if (errors.length > 0) setResultAndStopExecution({ errors });
    },
    // A subscription's connections and calls are made once per event: the same bounds per event.
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = budgetErrors(args);
      if (errors.length > 0) setResultAndStopExecution({ errors });
    },
  };

  function budgetErrors(args: {
    schema: GraphQLSchema;
    document: DocumentNode;
    variableValues?: Record<string, unknown> | null;
    operationName?: string | null;
  }): readonly GraphQLError[] {
    return checkBudget(args.schema, args.document, args.operationName, args.variableValues ?? undefined);
  }
}
