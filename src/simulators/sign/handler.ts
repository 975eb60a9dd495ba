/**
 * Request routing, in the order the vendor's gateway appears to check: the resource exists,
 * the token is good, the method fits, the tenant ID is well formed and known; then the route
 * checks its own parameters.
 */
import type { RecordedRequest, SimulatorHandler, SimulatorReply } from '../harness.js';
import type { SignArrivals } from './arrivals.js';
import type { RouteHandler, TenantState } from './context.js';
import { SIGN_ERROR, SignFailure } from './errors.js';
import { flowLogs } from './flow-routes.js';
import { readHelpdesk, readRetention, writeHelpdesk, writeRetention } from './settings-routes.js';
import { IP_THREATS, OTHER_THREATS, threatDetails, threatSummaries } from './threat-routes.js';
import { trafficStatistics, trafficTimeSeries, trafficTotal } from './traffic-routes.js';
import { HEX32 } from './validation.js';

export const SIGN_BASE_PATH = '/sdpf-iot-pf/v1';

/** Resources under `/tenants/{tenantId}/security/`, by method. */
const ROUTES: Record<string, Partial<Record<string, RouteHandler>>> = {
  'threat-summaries': { GET: threatSummaries(OTHER_THREATS) },
  'threat-details': { GET: threatDetails(OTHER_THREATS) },
  'ip-threat-summaries': { GET: threatSummaries(IP_THREATS) },
  'ip-threat-details': { GET: threatDetails(IP_THREATS) },
  'flow-collectors': { GET: flowLogs },
  'flow-collectors/traffic-timeseries': { GET: trafficTimeSeries },
  'flow-collectors/traffic-statistics': { GET: trafficStatistics },
  'flow-collectors/traffic-total': { GET: trafficTotal },
  'flow-collectors/retention': { GET: readRetention, PUT: writeRetention },
  helpdesk: { GET: readHelpdesk, PUT: writeHelpdesk },
};

const TENANT_RESOURCE = /^\/tenants\/([^/]*)\/security\/(.+)$/;

export interface SignHandlerConfig {
  tokens: ReadonlySet<string>;
  tenants: ReadonlyMap<string, TenantState>;
  now: () => Date;
  arrivals: SignArrivals;
}

function headerValue(request: RecordedRequest, name: string): string | string[] | undefined {
  const key = Object.keys(request.headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : request.headers[key];
}

function authenticate(request: RecordedRequest, tokens: ReadonlySet<string>): void {
  const token = headerValue(request, 'x-auth-token');
  if (token === undefined) throw SignFailure.of(401, SIGN_ERROR.missingToken, 'The X-Auth-Token header is required.');
  if (typeof token !== 'string' || !HEX32.test(token)) {
    throw SignFailure.of(401, SIGN_ERROR.malformedToken, 'The X-Auth-Token header must be 32 characters 0-9a-f.');
  }
  if (!tokens.has(token)) throw SignFailure.of(401, SIGN_ERROR.rejectedToken, 'The X-Auth-Token is not valid.');
}

function dispatch(request: RecordedRequest, config: SignHandlerConfig): SimulatorReply {
  const match = request.path.startsWith(`${SIGN_BASE_PATH}/`) ? TENANT_RESOURCE.exec(request.path.slice(SIGN_BASE_PATH.length)) : null;
  const methods = match ? ROUTES[match[2] ?? ''] : undefined;
  if (!match || !methods) throw SignFailure.of(404, SIGN_ERROR.unknownResource, `No resource at ${request.path}.`);
  authenticate(request, config.tokens);
  const route = methods[request.method.toUpperCase()];
  if (!route) {
    throw SignFailure.of(405, SIGN_ERROR.methodNotAllowed, `${request.method} is not allowed on ${request.path}; use ${Object.keys(methods).join(' or ')}.`);
  }
  const tenantId = match[1] ?? '';
  if (!HEX32.test(tenantId))
    throw SignFailure.of(400, SIGN_ERROR.invalidTenantId, `Path parameter 'tenantId' must be 32 characters 0-9a-f (got '${tenantId}').`);
  const tenant = config.tenants.get(tenantId);
  if (!tenant) throw SignFailure.of(404, SIGN_ERROR.unknownTenant, `Tenant '${tenantId}' was not found.`);
  return route({ request, tenant, now: config.now, arrivals: config.arrivals });
}

export function createSignHandler(config: SignHandlerConfig): SimulatorHandler {
  return (request) => {
    try {
      return dispatch(request, config);
    } catch (error) {
      if (error instanceof SignFailure) return error.toReply();
      return new SignFailure(500, [{ code: SIGN_ERROR.internal, message: `The simulator failed: ${(error as Error).message}` }]).toReply();
    }
  };
}
