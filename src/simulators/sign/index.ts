/**
 * The embedded docomo business SIGN security API: every route of the contract, checked as
 * strictly as the vendor documents it, over deterministic demo data.
 */
import type { SimulatorHandler } from '../harness.js';
import { SignArrivals } from './arrivals.js';
import { DEMO_SIGN_TOKEN, DEMO_SIMS, DEMO_TENANTS, type DemoSim } from '../demo-seed.js';
import type { TenantState } from './context.js';
import { generateTenantData, planTenant, type TenantData } from './data.js';
import { createSignHandler } from './handler.js';
import { initialHelpdesk, initialRetention } from './settings-routes.js';
import { HEX32 } from './validation.js';

export { SIGN_BASE_PATH } from './handler.js';
export { SIGN_ERROR } from './errors.js';
export { SignArrivals, type ArrivingDetection } from './arrivals.js';

export interface SignSimulatorOptions {
  /** Accepted X-Auth-Token values (default: DEMO_SIGN_TOKEN). */
  tokens?: readonly string[];
  /** Known tenant IDs (default: DEMO_TENANTS); OTHER_TENANT_ID gets a smaller world. */
  tenants?: readonly string[];
  sims?: readonly DemoSim[];
  /** The clock for helpdesk startAt; tests pin it. Data never reads the clock. */
  now?: () => Date;
  /** Detections to add while running (the live feed); none unless given. */
  arrivals?: SignArrivals;
}

function requireHex32(kind: string, values: readonly string[]): void {
  const bad = values.filter((value) => !HEX32.test(value));
  if (bad.length > 0) throw new Error(`SIGN simulator: ${kind} must be 32 characters 0-9a-f: ${bad.join(', ')}`);
}

/** A fresh simulator: its own settings state; rows are generated per tenant on first use. */
export function createSignSimulator(options: SignSimulatorOptions = {}): SimulatorHandler {
  const tokens = options.tokens ?? [DEMO_SIGN_TOKEN];
  const tenantIds = options.tenants ?? DEMO_TENANTS;
  const sims = options.sims ?? DEMO_SIMS;
  requireHex32('tokens', tokens);
  requireHex32('tenants', tenantIds);
  const tenants = new Map<string, TenantState>();
  [...new Set(tenantIds)].forEach((tenantId, position) => {
    const plan = planTenant(tenantId, position, sims);
    let data: TenantData | undefined;
    tenants.set(tenantId, {
      tenantId,
      data: () => (data ??= generateTenantData(plan)),
      retention: initialRetention(),
      helpdesk: initialHelpdesk(plan.size),
      answeredTrafficQueries: new Set(),
    });
  });
  return createSignHandler({ tokens: new Set(tokens), tenants, now: options.now ?? (() => new Date()), arrivals: options.arrivals ?? new SignArrivals() });
}
