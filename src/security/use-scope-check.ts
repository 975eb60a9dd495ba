import { getOperationAST, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { hasScope, type Scope } from './caller.js';

/** Queries need the `read` scope, mutations `write`: checked once per operation, before any resolver runs. */
export function useScopeCheck(): Plugin<GatewayContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName)?.operation;
      if (operation === undefined) return;
      const needed: Scope = operation === 'mutation' ? 'write' : 'read';
      if (!hasScope(args.contextValue.caller, needed)) {
        setResultAndStopExecution({
          errors: [new GraphQLError(`This token lacks the "${needed}" scope that a ${operation} needs.`, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } })],
        });
      }
    },
  };
}
