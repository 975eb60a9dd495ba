/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** An object for the Apex Central suspicious-object list; the content must be of the type given (BAD_USER_INPUT otherwise, before any call). */
export type AddSuspiciousObjectInput = {
  /** IPv4 address, URL (http:// or https://, at most 2047 characters), SHA-1 hash or domain; sent normalised as indicator values are. */
  content: string;
  /** Omitted: the object never expires. Sent to the second, in UTC. */
  expiresAt?: string | null | undefined;
  /** Free text kept with the object, at most 256 characters. */
  notes?: string | null | undefined;
  /** Log or block matches. */
  scanAction: ScanAction;
  /** What the content is. */
  type: SuspiciousObjectType;
};

/** The kind of carrier line a retention setting applies to. */
export type CarrierType =
  /** Lines of a mobile network operator (SIGN `mno`). */
  | 'MNO'
  /** Lines of a mobile virtual network operator (SIGN `mvno`). */
  | 'MVNO';

/** Narrows flow logs; every field given must match, omitted fields match anything. */
export type FlowFilter = {
  /** NBAR application ID, such as 218104303. */
  appId?: number | null | undefined;
  /** Exactly this IPv4 destination address. */
  destinationAddress?: string | null | undefined;
  /** Destination port, 0 to 65535. */
  destinationPort?: number | null | undefined;
  /** IP protocol number, 0 to 255 (6 TCP, 17 UDP). */
  protocol?: number | null | undefined;
  /** Only SIMs whose ID contains these digits (ignored under Sim.flows, which is one SIM). */
  simIdContains?: string | null | undefined;
  /** Exactly this IPv4 source address. */
  sourceAddress?: string | null | undefined;
  /** Source port, 0 to 65535. */
  sourcePort?: number | null | undefined;
};

/** A new flow-log setting for one carrier kind. */
export type FlowLogRetentionInput = {
  /** Omitted: SIGN's default carrier kind. */
  carrier?: CarrierType | null | undefined;
  /** Forward traffic to the flow collector (true) or stop (false). */
  forwardingEnabled: boolean;
  /** Omitted: the period set before is kept. */
  period?: RetentionPeriod | null | undefined;
};

/** What an indicator value is, detected from its text. */
export type IndicatorKind =
  /** A domain name, lower-cased, such as c2.darkbeacon.io. */
  | 'DOMAIN'
  /** An IPv4 address, such as 185.220.101.45. */
  | 'IPV4'
  /** An MD5 hash, 32 hexadecimal characters, lower-cased. */
  | 'MD5'
  /** A SHA-1 hash, 40 hexadecimal characters, lower-cased. */
  | 'SHA1'
  /** A SHA-256 hash, 64 hexadecimal characters, lower-cased. */
  | 'SHA256'
  /** None of the above: no upstream is asked about it. */
  | 'UNKNOWN'
  /** A URL with http:// or https://. */
  | 'URL';

/** The SIGN line a SIM is on; SIGN keeps each line's data apart, so every SIGN question names one. */
export type LineType =
  /** Internet connection line. */
  | 'INT'
  /** Multi-access edge computing line. */
  | 'MEC'
  /** Closed network (VPN) line. */
  | 'VPN';

/** What a File Safer advanced notification counts. */
export type NotificationTrigger =
  /** Failed lookups reach the threshold. */
  | 'LOOKUP_ERROR'
  /** Malware detections reach the threshold. */
  | 'MALWARE';

/** How long SIGN keeps flow logs. */
export type RetentionPeriod =
  /** 92 days (about three months). */
  | 'DAYS_92'
  /** 184 days (about six months). */
  | 'DAYS_184'
  /** 366 days (about a year). */
  | 'DAYS_366';

/** What Apex Central-managed products do when traffic or a file matches the object. */
export type ScanAction =
  /** Block matches. */
  | 'BLOCK'
  /** Log matches only. */
  | 'LOG';

/** What an Apex Central suspicious object holds. */
export type SuspiciousObjectType =
  /** A domain name. */
  | 'DOMAIN'
  /** A file SHA-1 hash, 40 hexadecimal characters. */
  | 'FILE_SHA1'
  /** An IPv4 address. */
  | 'IP'
  /** A URL starting with http:// or https://, at most 2047 characters. */
  | 'URL';

/** IP: detections of IP pairs; OTHER: domain and other detections. */
export type ThreatKind =
  /** Detections of IP address pairs (SIGN ip-threat-summaries / ip-threat-details); severities CRITICAL, HIGH and OTHER only. */
  | 'IP'
  /** Domain, URL and other detections (SIGN threat-summaries / threat-details). */
  | 'OTHER';

/** SIGN's severity of a detection, most urgent first. */
export type ThreatSeverity =
  /** Critical: act now. */
  | 'CRITICAL'
  /** High. */
  | 'HIGH'
  /** Informational only (not given for IP detections). */
  | 'INFORMATIONAL'
  /** Low (not given for IP detections). */
  | 'LOW'
  /** Medium (not given for IP detections). */
  | 'MEDIUM'
  /** A severity SIGN does not rank. */
  | 'OTHER';

/** A File Safer advanced notification setting: notify when `threshold` events of `trigger` happen within `referenceTimeMinutes`. */
export type ThresholdNotificationInput = {
  /** Minutes: 5 to 30, in steps of 5. */
  referenceTimeMinutes: number;
  /** Events: 1 to 1000. */
  threshold: number;
  /** What to count; replaces the setting this trigger had. */
  trigger: NotificationTrigger;
};

/** Which way the detected traffic went, seen from the SIM. */
export type TrafficDirection =
  /** Towards the SIM (download). */
  | 'DOWN'
  /** From the SIM out (upload). */
  | 'UP';

/** Narrows the traffic to matching flows: any value of one list matches, and every list given must match. */
export type TrafficFilter = {
  /** An NBAR application ID, such as 218104303. */
  appId?: string | null | undefined;
  /** IPv4 destination addresses, such as 192.168.0.1. */
  destinationAddresses?: Array<string> | null | undefined;
  /** IPv4 networks in CIDR form, such as 192.168.0.0/24. */
  destinationNetworks?: Array<string> | null | undefined;
  /** Destination ports, 0 to 65535. */
  destinationPorts?: Array<number> | null | undefined;
  /** IP protocol numbers (6 TCP, 17 UDP). */
  protocols?: Array<number> | null | undefined;
  /** IPv4 source addresses, such as 192.168.0.1. */
  sourceAddresses?: Array<string> | null | undefined;
  /** IPv4 networks in CIDR form, such as 192.168.0.0/24. */
  sourceNetworks?: Array<string> | null | undefined;
  /** Source ports, 0 to 65535. */
  sourcePorts?: Array<number> | null | undefined;
};

/** The unit time each rate is aggregated over; not longer than the period. */
export type TrafficInterval =
  /** 1 day (SIGN `1d`). */
  | 'DAYS_1'
  /** 1 hour (SIGN `1h`). */
  | 'HOURS_1'
  /** 2 hours (SIGN `2h`). */
  | 'HOURS_2'
  /** 1 minute (SIGN `1m`). */
  | 'MINUTES_1'
  /** 5 minutes (SIGN `5m`). */
  | 'MINUTES_5'
  /** 15 minutes (SIGN `15m`). */
  | 'MINUTES_15'
  /** 30 minutes (SIGN `30m`). */
  | 'MINUTES_30';

/** How far back from baseDateTime the report reaches. */
export type TrafficPeriod =
  /** 7 days (SIGN `7d`). */
  | 'DAYS_7'
  /** 1 hour (SIGN `1h`). */
  | 'HOURS_1'
  /** 24 hours (SIGN `24h`). */
  | 'HOURS_24'
  /** 15 minutes (SIGN `15m`). */
  | 'MINUTES_15';

/** What the traffic is grouped and ranked by. */
export type TrafficRankBy =
  /** NBAR application ID (SIGN `app_id`). */
  | 'APP_ID'
  /** Destination IPv4 address (SIGN `dst_ip`). */
  | 'DST_IP'
  /** Destination address and port (SIGN `dst_ip_port`). */
  | 'DST_IP_PORT'
  /** Destination port (SIGN `dst_port`). */
  | 'DST_PORT'
  /** IP protocol number (SIGN `protocol`). */
  | 'PROTOCOL'
  /** Source IPv4 address (SIGN `src_ip`). */
  | 'SRC_IP'
  /** Source address and port (SIGN `src_ip_port`). */
  | 'SRC_IP_PORT'
  /** Source port (SIGN `src_port`). */
  | 'SRC_PORT';

/** Kaspersky CyberTrace's answer for one value. */
export type Verdict =
  /** CyberTrace matched the value in its threat feeds: see detections. */
  | 'DETECTED'
  /** CyberTrace could not look the value up: see errorReason. */
  | 'ERROR'
  /** No feed matched the value: not known as bad (not proof it is clean). */
  | 'NOT_DETECTED';

export type FileSaferThresholdsQueryVariables = Exact<{ [key: string]: never; }>;


export type FileSaferThresholdsQuery = { fileSafer: { thresholdNotifications: Array<{ trigger: NotificationTrigger, referenceTimeMinutes: number, threshold: number }> | null } };

export type SetThresholdNotificationMutationVariables = Exact<{
  input: ThresholdNotificationInput;
}>;


export type SetThresholdNotificationMutation = { setThresholdNotification: { fileSafer: { thresholdNotifications: Array<{ trigger: NotificationTrigger, referenceTimeMinutes: number, threshold: number }> | null } } | null };

export type RemoveThresholdNotificationMutationVariables = Exact<{ [key: string]: never; }>;


export type RemoveThresholdNotificationMutation = { removeThresholdNotification: { fileSafer: { thresholdNotifications: Array<{ trigger: NotificationTrigger, referenceTimeMinutes: number, threshold: number }> | null } } | null };

export type HashChecksQueryVariables = Exact<{
  values: Array<string> | string;
}>;


export type HashChecksQuery = { indicators: Array<{ value: string, kind: IndicatorKind, hashCheck: { malicious: boolean, matches: Array<{ hashType: string, hashCode: string, group: string | null, result: string | null }> } | null }> };

export type FlowsPageQueryVariables = Exact<{
  tenantId: string;
  lineType: LineType;
  from: string;
  to: string;
  filter?: FlowFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type FlowsPageQuery = { tenant: { flows: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { startedAt: string, endedAt: string, appId: string, protocol: number, inBytes: number, inPackets: number, source: { address: string, port: number | null }, destination: { address: string, port: number | null }, sim: { simId: string } } }> } | null } };

export type IndicatorReputationsQueryVariables = Exact<{
  values: Array<string> | string;
}>;


export type IndicatorReputationsQuery = { indicators: Array<{ id: string, value: string, kind: IndicatorKind, reputation: { verdict: Verdict, errorReason: string | null, detections: Array<{ category: string, matchedIndicator: string, context: Array<{ name: string, value: string }> }> } | null }> };

export type ThreatTargetsAndIndicatorsQueryVariables = Exact<{
  tenantId: string;
  from: string;
  to: string;
  values: Array<string> | string;
}>;


export type ThreatTargetsAndIndicatorsQuery = { indicators: Array<{ value: string, reputation: { verdict: Verdict } | null }>, tenant: { other: { nodes: Array<{ target: string, targetIndicators: Array<{ value: string, kind: IndicatorKind, reputation: { verdict: Verdict } | null }> }> } | null, ip: { nodes: Array<{ target: string, targetIndicators: Array<{ value: string, kind: IndicatorKind, reputation: { verdict: Verdict } | null }> }> } | null } };

export type NodesQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type NodesQuery = { nodes: Array<
    | { __typename: 'Indicator', value: string, kind: IndicatorKind, id: string }
    | { __typename: 'Sim', simId: string, lineType: LineType, id: string, tenant: { tenantId: string } }
    | { __typename: 'SuspiciousObject', id: string }
    | { __typename: 'Tenant', tenantId: string, id: string }
   | null> };

export type SimThreatDetailsQueryVariables = Exact<{
  tenantId: string;
  simId: string;
  lineType: LineType;
  kind: ThreatKind;
  from: string;
  to: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type SimThreatDetailsQuery = { tenant: { sim: { id: string, simId: string, threats: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ kind: ThreatKind, receivedAt: string, severity: ThreatSeverity, threatType: string, target: string, application: string | null, ipProtocol: string | null, direction: TrafficDirection | null, lineType: LineType, source: { address: string, port: number | null }, destination: { address: string, port: number | null } }> } | null } } };

export type SimThreatsQueryVariables = Exact<{
  tenantId: string;
  simId: string;
  lineType: LineType;
  from: string;
  to: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SimThreatsQuery = { tenant: { sim: { simId: string, threatSummaries: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ receivedAt: string, severity: ThreatSeverity, threatType: string, target: string, recordCount: number, targetIndicators: Array<{ value: string, kind: IndicatorKind, reputation: { verdict: Verdict, errorReason: string | null, detections: Array<{ category: string, context: Array<{ name: string, value: string }> }> } | null, suspiciousObject: { scanAction: ScanAction, notes: string | null, expiresAt: string | null } | null }> }> } | null } } };

export type SuspiciousObjectFieldsFragment = { id: string, type: SuspiciousObjectType, content: string, scanAction: ScanAction, notes: string | null, expiresAt: string | null, indicator: { value: string, kind: IndicatorKind } };

export type SuspiciousObjectsPageQueryVariables = Exact<{
  type?: SuspiciousObjectType | null | undefined;
  contentContains?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type SuspiciousObjectsPageQuery = { suspiciousObjects: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, type: SuspiciousObjectType, content: string, scanAction: ScanAction, notes: string | null, expiresAt: string | null, indicator: { value: string, kind: IndicatorKind } } }> } | null };

export type SuspiciousObjectNodeQueryVariables = Exact<{
  id: string | number;
}>;


export type SuspiciousObjectNodeQuery = { node:
    | { __typename: 'Indicator', id: string }
    | { __typename: 'Sim', id: string }
    | { __typename: 'SuspiciousObject', id: string, type: SuspiciousObjectType, content: string, scanAction: ScanAction, notes: string | null, expiresAt: string | null, indicator: { value: string, kind: IndicatorKind } }
    | { __typename: 'Tenant', id: string }
   | null };

export type IndicatorSuspiciousObjectsQueryVariables = Exact<{
  values: Array<string> | string;
}>;


export type IndicatorSuspiciousObjectsQuery = { indicators: Array<{ value: string, kind: IndicatorKind, reputation: { verdict: Verdict } | null, suspiciousObject: { id: string, type: SuspiciousObjectType, content: string, scanAction: ScanAction, notes: string | null, expiresAt: string | null, indicator: { value: string, kind: IndicatorKind } } | null }> };

export type AddSuspiciousObjectMutationVariables = Exact<{
  input: AddSuspiciousObjectInput;
}>;


export type AddSuspiciousObjectMutation = { addSuspiciousObject: { suspiciousObject: { id: string, type: SuspiciousObjectType, content: string, scanAction: ScanAction, notes: string | null, expiresAt: string | null, indicator: { value: string, kind: IndicatorKind } } } | null };

export type RemoveSuspiciousObjectMutationVariables = Exact<{
  type: SuspiciousObjectType;
  content: string;
}>;


export type RemoveSuspiciousObjectMutation = { removeSuspiciousObject: { removed: boolean } | null };

export type BlockIndicatorMutationVariables = Exact<{
  value: string;
  notes?: string | null | undefined;
}>;


export type BlockIndicatorMutation = { blockIndicator: { suspiciousObject: { id: string, type: SuspiciousObjectType, content: string, scanAction: ScanAction, notes: string | null, expiresAt: string | null, indicator: { value: string, kind: IndicatorKind } } } | null };

export type TenantSettingsQueryVariables = Exact<{
  tenantId: string;
}>;


export type TenantSettingsQuery = { tenant: { tenantId: string, defaultRetention: { forwardingEnabled: boolean, period: RetentionPeriod | null } | null, mvnoRetention: { forwardingEnabled: boolean, period: RetentionPeriod | null } | null, mnoRetention: { forwardingEnabled: boolean, period: RetentionPeriod | null } | null, helpdesk: { enabled: boolean, startAt: string | null } | null } };

export type FlowLogRetentionQueryVariables = Exact<{
  tenantId: string;
  carrier?: CarrierType | null | undefined;
}>;


export type FlowLogRetentionQuery = { tenant: { flowLogRetention: { forwardingEnabled: boolean, period: RetentionPeriod | null } | null } };

export type SetFlowLogRetentionMutationVariables = Exact<{
  tenantId: string;
  input: FlowLogRetentionInput;
}>;


export type SetFlowLogRetentionMutation = { setFlowLogRetention: { retention: { forwardingEnabled: boolean, period: RetentionPeriod | null } } | null };

export type SetHelpdeskContractMutationVariables = Exact<{
  tenantId: string;
  enabled: boolean;
}>;


export type SetHelpdeskContractMutation = { setHelpdeskContract: { helpdesk: { enabled: boolean, startAt: string | null } } | null };

export type ThreatFeedSubscriptionVariables = Exact<{
  tenantId: string;
  kind: ThreatKind;
  lineType: LineType;
  severities?: Array<ThreatSeverity> | ThreatSeverity | null | undefined;
}>;


export type ThreatFeedSubscription = { threatDetected: { kind: ThreatKind, receivedAt: string, recordCount: number, severity: ThreatSeverity, threatType: string, target: string, simName: string | null, sim: { simId: string }, targetIndicators: Array<{ value: string, kind: IndicatorKind, reputation: { verdict: Verdict } | null, suspiciousObject: { scanAction: ScanAction } | null }> } };

export type ThreatSummariesPageQueryVariables = Exact<{
  tenantId: string;
  kind: ThreatKind;
  lineType: LineType;
  from: string;
  to: string;
  severities?: Array<ThreatSeverity> | ThreatSeverity | null | undefined;
  simIdContains?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ThreatSummariesPageQuery = { tenant: { threatSummaries: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { kind: ThreatKind, receivedAt: string, recordCount: number, severity: ThreatSeverity, threatType: string, target: string, simName: string | null, profileStatus: string | null, isLocked: boolean | null, sim: { id: string, simId: string, lineType: LineType } } }> } | null } };

export type ThreatsWithDeferredJoinsQueryVariables = Exact<{
  tenantId: string;
  simId: string;
  lineType: LineType;
  from: string;
  to: string;
  first?: number | null | undefined;
}>;


export type ThreatsWithDeferredJoinsQuery = { tenant: { sim: { threatSummaries: { nodes: Array<{ receivedAt: string, severity: ThreatSeverity, target: string } & ({ targetIndicators: Array<{ value: string, reputation: { verdict: Verdict } | null, suspiciousObject: { scanAction: ScanAction } | null }> } | { targetIndicators?: never })> } | null } } };

export type TargetJoinsFragment = { targetIndicators: Array<{ value: string, reputation: { verdict: Verdict } | null, suspiciousObject: { scanAction: ScanAction } | null }> };

export type TrafficReportQueryVariables = Exact<{
  tenantId: string;
  lineType: LineType;
  baseDateTime: string;
  period: TrafficPeriod;
  interval: TrafficInterval;
  rankBy: TrafficRankBy;
  top?: number | null | undefined;
  filter?: TrafficFilter | null | undefined;
  withTimeSeries?: boolean;
  withStatistics?: boolean;
  withTotal?: boolean;
}>;


export type TrafficReportQuery = { tenant: { tenantId: string, traffic: { timeSeries?: { cacheHit: boolean, totalBytesProcessed: number, groups: Array<{ group: string, rank: number, rates: Array<{ timestamp: string, bps: number, pps: number }> }> } | null, statistics?: { cacheHit: boolean, totalBytesProcessed: number, groups: Array<{ group: string, rank: number, current: number, average: number, maximum: number }> } | null, total?: { totalTraffic: number, peakTraffic: number } | null } } };

export type TrafficTotalQueryVariables = Exact<{
  tenantId: string;
  lineType: LineType;
  baseDateTime: string;
  period: TrafficPeriod;
  interval: TrafficInterval;
  filter?: TrafficFilter | null | undefined;
}>;


export type TrafficTotalQuery = { tenant: { traffic: { total: { totalTraffic: number, peakTraffic: number } | null } } };

export const SuspiciousObjectFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SuspiciousObjectFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SuspiciousObject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"scanAction"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"indicator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]} as unknown as DocumentNode<SuspiciousObjectFieldsFragment, unknown>;
export const TargetJoinsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TargetJoins"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ThreatSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"targetIndicators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"reputation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verdict"}}]}},{"kind":"Field","name":{"kind":"Name","value":"suspiciousObject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scanAction"}}]}}]}}]}}]} as unknown as DocumentNode<TargetJoinsFragment, unknown>;
export const FileSaferThresholdsDocument = {"__meta__":{"hash":"sha256:555cb11e246a7cf51a6f4a85fcd0ca1a73830127661b889db97789a3f770cdda"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FileSaferThresholds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileSafer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"thresholdNotifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"referenceTimeMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}}]}}]}}]}}]} as unknown as DocumentNode<FileSaferThresholdsQuery, FileSaferThresholdsQueryVariables>;
export const SetThresholdNotificationDocument = {"__meta__":{"hash":"sha256:4b17ba31fb466f93c58b339891cf4280dc3491d7e94da88df604dda3a068b757"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetThresholdNotification"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ThresholdNotificationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setThresholdNotification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileSafer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"thresholdNotifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"referenceTimeMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SetThresholdNotificationMutation, SetThresholdNotificationMutationVariables>;
export const RemoveThresholdNotificationDocument = {"__meta__":{"hash":"sha256:026cc222a11ea8c4a24e8695922f639b229a231a2c832adfb1463f4bc6e80d7b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveThresholdNotification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeThresholdNotification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileSafer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"thresholdNotifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"referenceTimeMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RemoveThresholdNotificationMutation, RemoveThresholdNotificationMutationVariables>;
export const HashChecksDocument = {"__meta__":{"hash":"sha256:f92819f1decf00e52ac20bd94f33e83fb8c2bc589de2d199ab80fac9300fafe9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HashChecks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"values"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicators"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"values"},"value":{"kind":"Variable","name":{"kind":"Name","value":"values"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"hashCheck"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"malicious"}},{"kind":"Field","name":{"kind":"Name","value":"matches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hashType"}},{"kind":"Field","name":{"kind":"Name","value":"hashCode"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"result"}}]}}]}}]}}]}}]} as unknown as DocumentNode<HashChecksQuery, HashChecksQueryVariables>;
export const FlowsPageDocument = {"__meta__":{"hash":"sha256:684529d79cc9f4133c314f13dfdef242cbb0ef55331b5bb50b4fc7dec65f9ca9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LineType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FlowFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flows"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lineType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"appId"}},{"kind":"Field","name":{"kind":"Name","value":"protocol"}},{"kind":"Field","name":{"kind":"Name","value":"inBytes"}},{"kind":"Field","name":{"kind":"Name","value":"inPackets"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}},{"kind":"Field","name":{"kind":"Name","value":"destination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sim"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"simId"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<FlowsPageQuery, FlowsPageQueryVariables>;
export const IndicatorReputationsDocument = {"__meta__":{"hash":"sha256:f031e690814239cd8e4c38b51022503ca5a6a1d24ad9717fcdb58ee5fcc4b337"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IndicatorReputations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"values"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicators"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"values"},"value":{"kind":"Variable","name":{"kind":"Name","value":"values"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"reputation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verdict"}},{"kind":"Field","name":{"kind":"Name","value":"errorReason"}},{"kind":"Field","name":{"kind":"Name","value":"detections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"matchedIndicator"}},{"kind":"Field","name":{"kind":"Name","value":"context"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<IndicatorReputationsQuery, IndicatorReputationsQueryVariables>;
export const ThreatTargetsAndIndicatorsDocument = {"__meta__":{"hash":"sha256:1322015694c252e87b022a14a7f120148a9c1ef8eb9133c2d11ec726a50fdcd7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ThreatTargetsAndIndicators"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"values"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicators"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"values"},"value":{"kind":"Variable","name":{"kind":"Name","value":"values"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"reputation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verdict"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"other"},"name":{"kind":"Name","value":"threatSummaries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"OTHER"}},{"kind":"Argument","name":{"kind":"Name","value":"lineType"},"value":{"kind":"EnumValue","value":"INT"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"targetIndicators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"reputation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verdict"}}]}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"ip"},"name":{"kind":"Name","value":"threatSummaries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"IP"}},{"kind":"Argument","name":{"kind":"Name","value":"lineType"},"value":{"kind":"EnumValue","value":"INT"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"targetIndicators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"reputation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verdict"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ThreatTargetsAndIndicatorsQuery, ThreatTargetsAndIndicatorsQueryVariables>;
export const NodesDocument = {"__meta__":{"hash":"sha256:cc552275e01ec4280c22aa053a978e91e71e3fec40a79fd1bd0df2e990e0c52b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Nodes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Tenant"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenantId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Sim"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"simId"}},{"kind":"Field","name":{"kind":"Name","value":"lineType"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenantId"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Indicator"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]} as unknown as DocumentNode<NodesQuery, NodesQueryVariables>;
export const SimThreatDetailsDocument = {"__meta__":{"hash":"sha256:0518309843d76fad7c707fd0435ccc103d268ea812349cad00964e139086fd80"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SimThreatDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"simId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LineType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ThreatKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sim"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"simId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"simId"}}},{"kind":"Argument","name":{"kind":"Name","value":"lineType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"simId"}},{"kind":"Field","name":{"kind":"Name","value":"threats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"threatType"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"application"}},{"kind":"Field","name":{"kind":"Name","value":"ipProtocol"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"lineType"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}},{"kind":"Field","name":{"kind":"Name","value":"destination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SimThreatDetailsQuery, SimThreatDetailsQueryVariables>;
export const SimThreatsDocument = {"__meta__":{"hash":"sha256:1149851136ed8a04e7839a5d9df13675dc26d0629367c06aea90a7e1f060eeab"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SimThreats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"simId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LineType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sim"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"simId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"simId"}}},{"kind":"Argument","name":{"kind":"Name","value":"lineType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"simId"}},{"kind":"Field","name":{"kind":"Name","value":"threatSummaries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"OTHER"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"threatType"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"recordCount"}},{"kind":"Field","name":{"kind":"Name","value":"targetIndicators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"reputation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verdict"}},{"kind":"Field","name":{"kind":"Name","value":"errorReason"}},{"kind":"Field","name":{"kind":"Name","value":"detections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"context"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"suspiciousObject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scanAction"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SimThreatsQuery, SimThreatsQueryVariables>;
export const SuspiciousObjectsPageDocument = {"__meta__":{"hash":"sha256:cd900333990aa5a912de697f6a81ac855ea93083329c03efe6c8233015b579f0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SuspiciousObjectsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SuspiciousObjectType"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contentContains"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suspiciousObjects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}},{"kind":"Argument","name":{"kind":"Name","value":"contentContains"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contentContains"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SuspiciousObjectFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SuspiciousObjectFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SuspiciousObject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"scanAction"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"indicator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]} as unknown as DocumentNode<SuspiciousObjectsPageQuery, SuspiciousObjectsPageQueryVariables>;
export const SuspiciousObjectNodeDocument = {"__meta__":{"hash":"sha256:432fbe0747f565c999f37212549983304538974020d798e5576c3e147c0bbcee"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SuspiciousObjectNode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"SuspiciousObjectFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SuspiciousObjectFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SuspiciousObject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"scanAction"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"indicator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]} as unknown as DocumentNode<SuspiciousObjectNodeQuery, SuspiciousObjectNodeQueryVariables>;
export const IndicatorSuspiciousObjectsDocument = {"__meta__":{"hash":"sha256:6ae6b712f9e248a2f0f2291822375e4bab7a27003bba826d2bfcf2851bcdac8e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IndicatorSuspiciousObjects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"values"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicators"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"values"},"value":{"kind":"Variable","name":{"kind":"Name","value":"values"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"reputation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verdict"}}]}},{"kind":"Field","name":{"kind":"Name","value":"suspiciousObject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SuspiciousObjectFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SuspiciousObjectFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SuspiciousObject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"scanAction"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"indicator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]} as unknown as DocumentNode<IndicatorSuspiciousObjectsQuery, IndicatorSuspiciousObjectsQueryVariables>;
export const AddSuspiciousObjectDocument = {"__meta__":{"hash":"sha256:0e7fbf71a466540de7795ed8ac857ac6d8be440df5bb34c960aad1d699581014"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddSuspiciousObject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddSuspiciousObjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addSuspiciousObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suspiciousObject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SuspiciousObjectFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SuspiciousObjectFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SuspiciousObject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"scanAction"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"indicator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]} as unknown as DocumentNode<AddSuspiciousObjectMutation, AddSuspiciousObjectMutationVariables>;
export const RemoveSuspiciousObjectDocument = {"__meta__":{"hash":"sha256:fc126d4ecd948931da7d4e496e959928cc81191c8730ff49d6191dec9c457afb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveSuspiciousObject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SuspiciousObjectType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"content"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeSuspiciousObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}},{"kind":"Argument","name":{"kind":"Name","value":"content"},"value":{"kind":"Variable","name":{"kind":"Name","value":"content"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removed"}}]}}]}}]} as unknown as DocumentNode<RemoveSuspiciousObjectMutation, RemoveSuspiciousObjectMutationVariables>;
export const BlockIndicatorDocument = {"__meta__":{"hash":"sha256:cfe9ddd6d540f28135d903cbbc18c61d09156ce42d325520a4e1ea25189663e5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BlockIndicator"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"notes"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"blockIndicator"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}},{"kind":"Argument","name":{"kind":"Name","value":"notes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"notes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suspiciousObject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SuspiciousObjectFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SuspiciousObjectFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SuspiciousObject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"scanAction"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"indicator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]} as unknown as DocumentNode<BlockIndicatorMutation, BlockIndicatorMutationVariables>;
export const TenantSettingsDocument = {"__meta__":{"hash":"sha256:7e0d77374a911c940c968c3a0d3b57292ddceb1461d475256bb8deb987c6dbfd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TenantSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","alias":{"kind":"Name","value":"defaultRetention"},"name":{"kind":"Name","value":"flowLogRetention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forwardingEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"period"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"mvnoRetention"},"name":{"kind":"Name","value":"flowLogRetention"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"carrier"},"value":{"kind":"EnumValue","value":"MVNO"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forwardingEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"period"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"mnoRetention"},"name":{"kind":"Name","value":"flowLogRetention"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"carrier"},"value":{"kind":"EnumValue","value":"MNO"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forwardingEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"period"}}]}},{"kind":"Field","name":{"kind":"Name","value":"helpdesk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"startAt"}}]}}]}}]}}]} as unknown as DocumentNode<TenantSettingsQuery, TenantSettingsQueryVariables>;
export const FlowLogRetentionDocument = {"__meta__":{"hash":"sha256:9ba851abe38e48abe543f90fa0e85c012163e6ad663362fce25c66ddd656d3f8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowLogRetention"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"carrier"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CarrierType"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flowLogRetention"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"carrier"},"value":{"kind":"Variable","name":{"kind":"Name","value":"carrier"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forwardingEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"period"}}]}}]}}]}}]} as unknown as DocumentNode<FlowLogRetentionQuery, FlowLogRetentionQueryVariables>;
export const SetFlowLogRetentionDocument = {"__meta__":{"hash":"sha256:339742b8be0f11265ae0cedbe4204d791d6103005b55a86c78f72c211efff046"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetFlowLogRetention"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FlowLogRetentionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setFlowLogRetention"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forwardingEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"period"}}]}}]}}]}}]} as unknown as DocumentNode<SetFlowLogRetentionMutation, SetFlowLogRetentionMutationVariables>;
export const SetHelpdeskContractDocument = {"__meta__":{"hash":"sha256:3ca6212c6d78225584cdbdf194766d37979db10aced128f930399de1723fc96e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetHelpdeskContract"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setHelpdeskContract"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"enabled"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"helpdesk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"startAt"}}]}}]}}]}}]} as unknown as DocumentNode<SetHelpdeskContractMutation, SetHelpdeskContractMutationVariables>;
export const ThreatFeedDocument = {"__meta__":{"hash":"sha256:e0b3af0db075f610485f87fd601afae9ae0135589afb59ee24fec1dee8e9f066"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ThreatFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ThreatKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LineType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"severities"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ThreatSeverity"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"threatDetected"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"lineType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}}},{"kind":"Argument","name":{"kind":"Name","value":"severities"},"value":{"kind":"Variable","name":{"kind":"Name","value":"severities"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"recordCount"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"threatType"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"simName"}},{"kind":"Field","name":{"kind":"Name","value":"sim"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"simId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"targetIndicators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"reputation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verdict"}}]}},{"kind":"Field","name":{"kind":"Name","value":"suspiciousObject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scanAction"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ThreatFeedSubscription, ThreatFeedSubscriptionVariables>;
export const ThreatSummariesPageDocument = {"__meta__":{"hash":"sha256:e7ebb85dcc9b8ef97ec55e8d5e6c2e7b877f88a23bfa8b0ca9e37c57ea1e8e0b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ThreatSummariesPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ThreatKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LineType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"severities"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ThreatSeverity"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"simIdContains"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"threatSummaries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"lineType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"severities"},"value":{"kind":"Variable","name":{"kind":"Name","value":"severities"}}},{"kind":"Argument","name":{"kind":"Name","value":"simIdContains"},"value":{"kind":"Variable","name":{"kind":"Name","value":"simIdContains"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"recordCount"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"threatType"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"simName"}},{"kind":"Field","name":{"kind":"Name","value":"profileStatus"}},{"kind":"Field","name":{"kind":"Name","value":"isLocked"}},{"kind":"Field","name":{"kind":"Name","value":"sim"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"simId"}},{"kind":"Field","name":{"kind":"Name","value":"lineType"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ThreatSummariesPageQuery, ThreatSummariesPageQueryVariables>;
export const ThreatsWithDeferredJoinsDocument = {"__meta__":{"hash":"sha256:3623da7068ed5ab1d5c282f81b4b53e17ecd941ad50b00c0c157535f9f184781","deferredFields":{"TargetJoins":["targetIndicators"]}},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ThreatsWithDeferredJoins"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"simId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LineType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sim"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"simId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"simId"}}},{"kind":"Argument","name":{"kind":"Name","value":"lineType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"threatSummaries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"OTHER"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"TargetJoins"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"defer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"StringValue","value":"joins","block":false}}]}]}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TargetJoins"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ThreatSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"targetIndicators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"reputation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verdict"}}]}},{"kind":"Field","name":{"kind":"Name","value":"suspiciousObject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scanAction"}}]}}]}}]}}]} as unknown as DocumentNode<ThreatsWithDeferredJoinsQuery, ThreatsWithDeferredJoinsQueryVariables>;
export const TrafficReportDocument = {"__meta__":{"hash":"sha256:1898f9fbee73620a778d0e6a8aee856c553431d8ba18915e1677cf3ce487b945"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrafficReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LineType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseDateTime"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrafficPeriod"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"interval"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrafficInterval"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rankBy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrafficRankBy"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"top"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TrafficFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withTimeSeries"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},"defaultValue":{"kind":"BooleanValue","value":true}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withStatistics"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},"defaultValue":{"kind":"BooleanValue","value":true}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withTotal"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},"defaultValue":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"traffic"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lineType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}}},{"kind":"Argument","name":{"kind":"Name","value":"baseDateTime"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseDateTime"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"Variable","name":{"kind":"Name","value":"interval"}}},{"kind":"Argument","name":{"kind":"Name","value":"rankBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rankBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"top"},"value":{"kind":"Variable","name":{"kind":"Name","value":"top"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeSeries"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withTimeSeries"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cacheHit"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytesProcessed"}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"rates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"bps"}},{"kind":"Field","name":{"kind":"Name","value":"pps"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statistics"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withStatistics"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cacheHit"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytesProcessed"}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"current"}},{"kind":"Field","name":{"kind":"Name","value":"average"}},{"kind":"Field","name":{"kind":"Name","value":"maximum"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withTotal"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalTraffic"}},{"kind":"Field","name":{"kind":"Name","value":"peakTraffic"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TrafficReportQuery, TrafficReportQueryVariables>;
export const TrafficTotalDocument = {"__meta__":{"hash":"sha256:8802382ca77c7c44a9ceac2a9eff48bdae42f5d6d5c115da77902d247d9a98b5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrafficTotal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LineType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseDateTime"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrafficPeriod"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"interval"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrafficInterval"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TrafficFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"traffic"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lineType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lineType"}}},{"kind":"Argument","name":{"kind":"Name","value":"baseDateTime"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseDateTime"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"Variable","name":{"kind":"Name","value":"interval"}}},{"kind":"Argument","name":{"kind":"Name","value":"rankBy"},"value":{"kind":"EnumValue","value":"SRC_IP"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalTraffic"}},{"kind":"Field","name":{"kind":"Name","value":"peakTraffic"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TrafficTotalQuery, TrafficTotalQueryVariables>;