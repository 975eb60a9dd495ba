/** Flow-log retention (per line kind) and the helpdesk contract: small state per tenant. */
import {
  RETENTION_LINE_TYPES,
  RETENTION_PERIODS,
  type HelpdeskSetting,
  type RetentionLineType,
  type RetentionSetting,
  type RouteContext,
  type TenantState,
} from './context.js';
import { formatSeconds } from './time.js';
import { BodyReader, QueryReader } from './validation.js';

/** The vendor marks lineType optional without a default; we read its absence as mvno. */
const DEFAULT_RETENTION_LINE_TYPE: RetentionLineType = 'mvno';
const DEFAULT_RETENTION_PERIOD = 92;

export function initialRetention(): Map<RetentionLineType, RetentionSetting> {
  return new Map<RetentionLineType, RetentionSetting>([
    ['mvno', { flow: true, period: DEFAULT_RETENTION_PERIOD }],
    ['mno', { flow: false, period: DEFAULT_RETENTION_PERIOD }],
  ]);
}

/** A full tenant has had the helpdesk for a while, so the demo shows a startAt from the start. */
const DEMO_HELPDESK_START = '2026-04-01T00:00:00Z';

export function initialHelpdesk(size: 'full' | 'small' | 'large'): HelpdeskSetting {
  return size !== 'small' ? { enabled: true, startAt: Date.parse(DEMO_HELPDESK_START) } : { enabled: false };
}

function retentionOf(tenant: TenantState, lineType: RetentionLineType): RetentionSetting {
  return tenant.retention.get(lineType) ?? { flow: false, period: DEFAULT_RETENTION_PERIOD };
}

export function readRetention({ request, tenant }: RouteContext) {
  const reader = new QueryReader(request.query);
  const lineType = reader.optionalOneOf('lineType', RETENTION_LINE_TYPES) ?? DEFAULT_RETENTION_LINE_TYPE;
  reader.done();
  const { flow, period } = retentionOf(tenant, lineType);
  return { status: 200, body: { flow, period } };
}

/** A PUT without period keeps the one set before (92 days until one is). */
export function writeRetention({ request, tenant }: RouteContext) {
  new QueryReader(request.query).done();
  const body = new BodyReader(request.body, ['lineType', 'flow', 'period']);
  const lineType = body.optionalOneOf('lineType', RETENTION_LINE_TYPES) ?? DEFAULT_RETENTION_LINE_TYPE;
  const flow = body.requiredBoolean('flow');
  const period = body.optionalOneOf('period', RETENTION_PERIODS) ?? retentionOf(tenant, lineType).period;
  body.done();
  tenant.retention.set(lineType, { flow, period });
  return { status: 200, body: { flow, period } };
}

function helpdeskBody(tenant: TenantState) {
  const { enabled, startAt } = tenant.helpdesk;
  return enabled && startAt !== undefined ? { enabled, startAt: formatSeconds(startAt) } : { enabled };
}

export function readHelpdesk({ request, tenant }: RouteContext) {
  new QueryReader(request.query).done();
  return { status: 200, body: helpdeskBody(tenant) };
}

/** Enabling starts the contract now; enabling again keeps the start; disabling ends it. */
export function writeHelpdesk({ request, tenant, now }: RouteContext) {
  new QueryReader(request.query).done();
  const body = new BodyReader(request.body, ['enabled']);
  const enabled = body.requiredBoolean('enabled');
  body.done();
  if (!enabled) tenant.helpdesk = { enabled: false };
  else if (!tenant.helpdesk.enabled) tenant.helpdesk = { enabled: true, startAt: Math.floor(now().getTime() / 1000) * 1000 };
  return { status: 200, body: helpdeskBody(tenant) };
}
