import { UpstreamError, unauthenticated, upstreamNotFound, upstreamUnauthenticated } from '../../errors.js';
import { compiled } from '../../compiled-model.js';
import { UPSTREAM_CODE_LENGTH, type QueryParams, type UpstreamAnswer, type UpstreamCalls, type UpstreamRequest } from '../http.js';
import { formatUtcSeconds } from '../../utc-text.js';
import {
  flowLogRetentionAnswer,
  flowPage,
  helpdeskAnswer,
  signErrorBody,
  threatDetailPage,
  threatSummaryPage,
  trafficStatisticsAnswer,
  trafficTimeSeriesAnswer,
  trafficTotalAnswer,
  type FlowLogRetentionAnswer,
  type FlowRow,
  type HelpdeskAnswer,
  type SignCarrier,
  type SignLineType,
  type SignPage,
  type SignRetentionPeriod,
  type SignSeverity,
  type SignTrafficInterval,
  type SignTrafficPeriod,
  type SignTrafficRankBy,
  type ThreatDetailRow,
  type ThreatKind,
  type ThreatSummaryRow,
  type TrafficStatisticsAnswer,
  type TrafficTimeSeriesAnswer,
  type TrafficTotalAnswer,
} from './models.js';

/** docomo business SIGN security functions: routes, auth header and wire formats, nothing of GraphQL. */

export const SIGN_ROUTES = {
  threatSummaries: { OTHER: 'threat-summaries', IP: 'ip-threat-summaries' },
  threatDetails: { OTHER: 'threat-details', IP: 'ip-threat-details' },
  flowLogs: 'flow-collectors',
  trafficTimeSeries: 'flow-collectors/traffic-timeseries',
  trafficStatistics: 'flow-collectors/traffic-statistics',
  trafficTotal: 'flow-collectors/traffic-total',
  retention: 'flow-collectors/retention',
  helpdesk: 'helpdesk',
} as const;

/** SIGN's own token format; anything else is refused before it is sent. */
const SIGN_TOKEN = /^[0-9a-f]{32}$/;

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface ThreatWindow {
  tenantId: string;
  lineType: SignLineType;
  from: Date;
  to: Date;
}

export interface ThreatSummaryQuery extends ThreatWindow {
  severities?: readonly SignSeverity[];
  /** Partial match. */
  simIdContains?: string;
}

export interface ThreatDetailQuery extends ThreatWindow {
  simId: string;
}

export interface FlowLogQuery {
  tenantId: string;
  lineType: SignLineType;
  /** Calendar dates, YYYY-MM-DD, sent as given. */
  from: string;
  to: string;
  simIdContains?: string;
  sourceAddress?: string;
  destinationAddress?: string;
  sourcePort?: number;
  destinationPort?: number;
  appId?: number;
  protocol?: number;
}

/** Narrows traffic to matching flows: any value of one list matches, every list given must. */
export interface TrafficFilterQuery {
  appId?: string;
  sourceAddresses?: readonly string[];
  sourcePorts?: readonly number[];
  /** IPv4 networks in CIDR form, `192.168.0.0/24`. */
  sourceNetworks?: readonly string[];
  destinationAddresses?: readonly string[];
  destinationPorts?: readonly number[];
  destinationNetworks?: readonly string[];
  protocols?: readonly number[];
}

/** One question for the three traffic endpoints (time series, statistics, total): they take the same parameters. */
export interface TrafficQuery {
  tenantId: string;
  lineType: SignLineType;
  baseDateTime: Date;
  period: SignTrafficPeriod;
  interval: SignTrafficInterval;
  rankBy: SignTrafficRankBy;
  /** 1..100; absent leaves the vendor default (10). */
  top?: number;
  filter?: TrafficFilterQuery;
}

export interface FlowLogRetentionSetting {
  /** Absent: the vendor's default carrier kind. */
  carrier?: SignCarrier;
  forwardingEnabled: boolean;
  /** Absent: the period set before is kept. */
  period?: SignRetentionPeriod;
}

export class SignClient {
  constructor(
    private readonly http: UpstreamCalls,
    /** The caller's X-Auth-Token, else the configured one; absent means no SIGN call can be made. */
    private readonly token: string | undefined,
  ) {}

  async threatSummaries(kind: ThreatKind, query: ThreatSummaryQuery, page: PageRequest): Promise<SignPage<ThreatSummaryRow>> {
    const answer = await this.get(query.tenantId, SIGN_ROUTES.threatSummaries[kind], threatListParams(query, query.severities, query.simIdContains, page));
    return this.http.parse(threatSummaryPage[kind], answer.body, 'threat summary page');
  }

  async threatDetails(kind: ThreatKind, query: ThreatDetailQuery, page: PageRequest): Promise<SignPage<ThreatDetailRow>> {
    const answer = await this.get(query.tenantId, SIGN_ROUTES.threatDetails[kind], threatListParams(query, undefined, query.simId, page));
    return this.http.parse(threatDetailPage[kind], answer.body, 'threat detail page');
  }

  async flowLogs(query: FlowLogQuery, page: PageRequest): Promise<SignPage<FlowRow>> {
    const answer = await this.get(query.tenantId, SIGN_ROUTES.flowLogs, {
      from: query.from,
      to: query.to,
      lineType: query.lineType,
      simId: query.simIdContains,
      ipv4SrcAddr: query.sourceAddress,
      ipv4DstAddr: query.destinationAddress,
      l4SrcPort: query.sourcePort,
      l4DstPort: query.destinationPort,
      appId: query.appId,
      protocol: query.protocol,
      page: page.page,
      pageSize: page.pageSize,
    });
    return this.http.parse(flowPage, answer.body, 'flow log page');
  }

  async trafficTimeSeries(query: TrafficQuery): Promise<TrafficTimeSeriesAnswer> {
    const answer = await this.get(query.tenantId, SIGN_ROUTES.trafficTimeSeries, trafficParams(query));
    return this.http.parse(trafficTimeSeriesAnswer, answer.body, 'traffic time series');
  }

  async trafficStatistics(query: TrafficQuery): Promise<TrafficStatisticsAnswer> {
    const answer = await this.get(query.tenantId, SIGN_ROUTES.trafficStatistics, trafficParams(query));
    return this.http.parse(trafficStatisticsAnswer, answer.body, 'traffic statistics');
  }

  async trafficTotal(query: TrafficQuery): Promise<TrafficTotalAnswer> {
    const answer = await this.get(query.tenantId, SIGN_ROUTES.trafficTotal, trafficParams(query));
    return this.http.parse(trafficTotalAnswer, answer.body, 'traffic total');
  }

  async flowLogRetention(tenantId: string, carrier?: SignCarrier): Promise<FlowLogRetentionAnswer> {
    const answer = await this.get(tenantId, SIGN_ROUTES.retention, { lineType: carrier });
    return this.http.parse(flowLogRetentionAnswer, answer.body, 'flow log retention');
  }

  async setFlowLogRetention(tenantId: string, setting: FlowLogRetentionSetting): Promise<FlowLogRetentionAnswer> {
    // Absent keys stay out of the JSON body: the vendor reads them as "default" and "keep".
    const json = { lineType: setting.carrier, flow: setting.forwardingEnabled, period: setting.period };
    return this.http.write(async () => {
      const answer = await this.call(tenantId, { method: 'PUT', path: SIGN_ROUTES.retention, json });
      return this.http.parse(flowLogRetentionAnswer, answer.body, 'flow log retention');
    });
  }

  async helpdesk(tenantId: string): Promise<HelpdeskAnswer> {
    const answer = await this.get(tenantId, SIGN_ROUTES.helpdesk, {});
    return this.http.parse(helpdeskAnswer, answer.body, 'helpdesk contract');
  }

  async setHelpdeskContract(tenantId: string, enabled: boolean): Promise<HelpdeskAnswer> {
    return this.http.write(async () => {
      const answer = await this.call(tenantId, { method: 'PUT', path: SIGN_ROUTES.helpdesk, json: { enabled } });
      return this.http.parse(helpdeskAnswer, answer.body, 'helpdesk contract');
    });
  }

  /** GET under the tenant; every other verb of the SIGN API goes through `call` too. */
  get(tenantId: string, route: string, query: QueryParams): Promise<UpstreamAnswer> {
    return this.call(tenantId, { method: 'GET', path: route, query });
  }

  async call(tenantId: string, request: Pick<UpstreamRequest, 'method' | 'path' | 'query' | 'json'>): Promise<UpstreamAnswer> {
    if (this.token === undefined) {
      throw unauthenticated('No SIGN X-Auth-Token: send the X-Auth-Token header, or configure SIGN_AUTH_TOKEN.');
    }
    if (!SIGN_TOKEN.test(this.token)) {
      throw unauthenticated('The X-Auth-Token header must be 32 characters 0-9a-f, as SIGN issues it.');
    }
    // Each member named: a spread of the request is a call into V8's runtime, for every SIGN call.
    const answer = await this.http.send({
      method: request.method,
      path: `/tenants/${encodeURIComponent(tenantId)}/security/${request.path}`,
      query: request.query,
      json: request.json,
      headers: { 'x-auth-token': this.token },
      idempotent: true,
    });
    if (answer.status >= 200 && answer.status < 300) return answer;
    throw signFailure(answer);
  }
}

/**
 * A threat list's query: the window, the severities, the SIM ID (partial for summaries, exact for
 * details), the page, in the order they have always gone out. One literal: spreading the window and
 * the page into it cost ~2 µs of every page's CPU, in calls into V8's runtime.
 */
function threatListParams(query: ThreatWindow, severities: readonly SignSeverity[] | undefined, simId: string | undefined, page: PageRequest): QueryParams {
  return {
    from: formatUtcSeconds(query.from),
    to: formatUtcSeconds(query.to),
    lineType: query.lineType,
    threatSeverity: severities,
    simId,
    page: page.page,
    pageSize: page.pageSize,
  };
}

/** The vendor's parameter names, in the order its reference lists them; lists go out as repeated keys. */
export function trafficParams(query: TrafficQuery): QueryParams {
  const filter = query.filter ?? {};
  return {
    lineType: query.lineType,
    baseDateTime: formatUtcSeconds(query.baseDateTime),
    period: query.period,
    interval: query.interval,
    rankBy: query.rankBy,
    top: query.top,
    app_id: filter.appId,
    src_ip: filter.sourceAddresses,
    src_port: filter.sourcePorts,
    src_nw_address: filter.sourceNetworks,
    dst_ip: filter.destinationAddresses,
    dst_port: filter.destinationPorts,
    dst_nw_address: filter.destinationNetworks,
    protocol: filter.protocols,
  };
}

/** SIGN errors are `{errorCode, errorMessages}`; its validation messages are passed on redacted and bounded, its status decides the code. */
function signFailure(answer: UpstreamAnswer): UpstreamError {
  const parsed = compiled(signErrorBody).safeParse(answer.body);
  const detail = parsed.success && parsed.data.errorMessages?.length ? `: ${answer.quote(parsed.data.errorMessages.join('; '))}` : '';
  const upstreamCode = parsed.success && parsed.data.errorCode !== undefined ? answer.quote(String(parsed.data.errorCode), UPSTREAM_CODE_LENGTH) : undefined;
  const options = { status: answer.status, upstreamCode };
  switch (answer.status) {
    case 401:
      return upstreamUnauthenticated('sign', `rejected the X-Auth-Token (HTTP 401)${detail}`, options);
    case 404:
      return upstreamNotFound('sign', `does not know this tenant or SIM (HTTP 404)${detail}`, options);
    default:
      return new UpstreamError('sign', `answered HTTP ${answer.status}${detail}`, options);
  }
}
