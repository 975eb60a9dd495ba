import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { indicatorFeeders } from './feeders.js';

/** At the start of execution, tells the operation's batch scheduler which of its fields can reveal indicators (feeders.ts). */
export function useIndicatorBatching(): Plugin {
  return {
    onExecute({ args }) {
      (args.contextValue as unknown as GatewayContext).batches.expect(indicatorFeeders(args.schema, args.document, args.operationName));
    },
  };
}
