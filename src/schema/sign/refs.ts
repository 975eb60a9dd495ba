import type { SignLineType, SignSeverity, ThreatKind } from '../../upstreams/sign/models.js';
import { builder } from '../builder.js';

/** Type refs of the SIGN graph, declared apart from their fields so modules can point at each other. */

export interface TenantShape {
  tenantId: string;
}

export interface SimShape {
  tenantId: string;
  simId: string;
  lineType: SignLineType;
}

/** A threat-summary row under the graph's names (threats.ts `threatSummaryOf`): its fields read them without a resolver. */
export interface ThreatSummaryShape {
  kind: ThreatKind;
  receivedAt: string;
  recordCount: number;
  sim: SimShape;
  simName: string | null;
  profileStatus: string | null;
  isLocked: boolean | null;
  target: string;
  severity: SignSeverity;
  threatType: string;
}
/** A threat-detail row under the graph's names (threats.ts `threatOf`). */
export interface ThreatShape {
  kind: ThreatKind;
  receivedAt: string;
  severity: SignSeverity;
  threatType: string;
  target: string;
  application: string | null;
  ipProtocol: string | null;
  direction: 'UP' | 'DOWN' | null;
  source: EndpointShape;
  destination: EndpointShape;
  lineType: SignLineType;
}
/** A flow-log row under the graph's names (flows.ts `flowOf`): Flow's fields read them without a resolver. */
export interface FlowShape {
  startedAt: string;
  endedAt: string;
  appId: string;
  protocol: number;
  inBytes: number;
  inPackets: number;
  source: EndpointShape;
  destination: EndpointShape;
  sim: SimShape;
}

export interface EndpointShape {
  address: string;
  port: number | null;
}

export const TenantRef = builder.objectRef<TenantShape>('Tenant');
export const SimRef = builder.objectRef<SimShape>('Sim');
export const ThreatSummaryRef = builder.objectRef<ThreatSummaryShape>('ThreatSummary');
export const ThreatRef = builder.objectRef<ThreatShape>('Threat');
export const FlowRef = builder.objectRef<FlowShape>('Flow');
export const EndpointRef = builder.objectRef<EndpointShape>('Endpoint');
