import { getOperationAST, type GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { forbiddenRequest } from '../errors.js';
import { hasScope, type Scope } from './caller.js';

/**
 * Queries and subscriptions need the `read` scope, mutations `write`: checked once per operation,
 * before any resolver runs. A query of `_service { sdl }` alone (composition, on the subgraph
 * endpoint) takes `read` or `router`.
 */
export function useScopeCheck(): Plugin<GatewayContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = scopeRefusal(args.document, args.operationName, args.contextValue);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = scopeRefusal(args.document, args.operationName, args.contextValue);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}

function scopeRefusal(document: DocumentNode, operationName: string | null | undefined, context: GatewayContext): GraphQLError | undefined {
  const definition = getOperationAST(document, operationName);
  if (definition === null || definition === undefined) return undefined;
  const { operation } = definition;
  const accepted: Scope[] = operation === 'mutation' ? ['write'] : asksOnlyForServiceSdl(definition) ? ['read', 'router'] : ['read'];
  if (accepted.some((scope) => hasScope(context.caller, scope))) return undefined;
  const needed = accepted.map((scope) => `"${scope}"`).join(' or ');
  return forbiddenRequest(`This token lacks the ${needed} scope that this ${operation} needs.`);
}

function asksOnlyForServiceSdl(definition: OperationDefinitionNode): boolean {
  return definition.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && (selection.name.value === '_service' || selection.name.value === '__typename'),
  );
}
