import { DATA_WINDOW_FOR_DEMO, DEMO_SIMS, DEMO_TENANT_ID } from './simulators/demo-seed.js';

/** Variables of the example GraphiQL opens on: the demo tenant over the simulators' data window. */
export const DEMO_VARIABLES = {
  tenantId: DEMO_TENANT_ID,
  simId: DEMO_SIMS[0]!.simId,
  lineType: DEMO_SIMS[0]!.lineType,
  from: DATA_WINDOW_FOR_DEMO.from,
  to: DATA_WINDOW_FOR_DEMO.to,
};
