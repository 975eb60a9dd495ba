import { startDemoArrivals } from './demo-arrivals.js';
import { startDemoSimulators } from './index.js';

/** What `main.ts demo` starts in place of the real upstreams. */
export interface DemoUpstreams {
  /** The live-mode variables that point the gateway at the simulators. */
  environment: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The demo's upstreams: the four simulators on loopback, and a new SIGN detection every few
 * seconds for the live threat feed. main.ts loads this module only in demo mode, and only from the
 * sources: the build (tsconfig.build.json) leaves the simulators out of dist/.
 */
export async function startDemo(): Promise<DemoUpstreams> {
  const simulators = await startDemoSimulators();
  const stopArrivals = startDemoArrivals(simulators.signArrivals, { everyMs: 5_000 });
  return {
    environment: simulators.environment,
    close: async () => {
      stopArrivals();
      await simulators.close();
    },
  };
}
