import { getOperationAST, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { forbiddenRequest } from '../errors.js';
import { hasScope, type Scope } from './caller.js';

/**
 * Queries need the `read` scope, mutations `write`: checked once per operation, before any resolver
 * runs. A query of `_service { sdl }` alone (composition, on the subgraph endpoint) takes `read` or `router`.
 */
export function useScopeCheck(): Plugin<GatewayContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const definition = getOperationAST(args.document, args.operationName);
      if (definition === null || definition === undefined) return;
      const { operation } = definition;
      const accepted: Scope[] = operation === 'mutation' ? ['write'] : asksOnlyForServiceSdl(definition) ? ['read', 'router'] : ['read'];
      if (!accepted.some((scope) => hasScope(args.contextValue.caller, scope))) {
        const needed = accepted.map((scope) => `"${scope}"`).join(' or ');
        setResultAndStopExecution({
          errors: [forbiddenRequest(`This token lacks the ${needed} scope that this ${operation} needs.`)],
        });
      }
    },
  };
}

function asksOnlyForServiceSdl(definition: OperationDefinitionNode): boolean {
  return definition.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && (selection.name.value === '_service' || selection.name.value === '__typename'));
}
