import type { RecordedRequest, SimulatorReply } from '../harness.js';
import type { SignArrivals } from './arrivals.js';
import type { TenantData } from './data.js';

export type RetentionLineType = 'mvno' | 'mno';
export const RETENTION_LINE_TYPES: readonly RetentionLineType[] = ['mvno', 'mno'];
export const RETENTION_PERIODS = [92, 184, 366] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

export interface RetentionSetting {
  flow: boolean;
  period: RetentionPeriod;
}

export interface HelpdeskSetting {
  enabled: boolean;
  /** Epoch milliseconds of when it was last enabled; absent while not enabled. */
  startAt?: number;
}

/** What the simulator keeps per tenant: generated rows (built on first use) and settings. */
export interface TenantState {
  readonly tenantId: string;
  data(): TenantData;
  readonly retention: Map<RetentionLineType, RetentionSetting>;
  helpdesk: HelpdeskSetting;
  /** Traffic queries answered before, so a repeat reports `cacheHit: true` like the vendor's cache. */
  readonly answeredTrafficQueries: Set<string>;
}

export interface RouteContext {
  request: RecordedRequest;
  tenant: TenantState;
  now: () => Date;
  /** Detections added while running (the live feed's), beside the generated ones. */
  arrivals: SignArrivals;
}

export type RouteHandler = (context: RouteContext) => SimulatorReply;
