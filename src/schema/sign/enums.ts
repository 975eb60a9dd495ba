import { SIGN_IP_SEVERITIES, type SignSeverity } from '../../upstreams/sign/models.js';
import { builder } from '../builder.js';

/** GraphQL enums whose internal values are the vendor's spellings, so resolvers pass them through unchanged. */

export const LineTypeEnum = builder.enumType('LineType', {
  description: "The SIGN line a SIM is on; SIGN keeps each line's data apart, so every SIGN question names one.",
  values: {
    INT: { value: 'INT', description: 'Internet connection line.' },
    VPN: { value: 'VPN', description: 'Closed network (VPN) line.' },
    MEC: { value: 'MEC', description: 'Multi-access edge computing line.' },
  } as const,
});

export const ThreatKindEnum = builder.enumType('ThreatKind', {
  description: 'IP: detections of IP pairs; OTHER: domain and other detections.',
  values: {
    IP: {
      value: 'IP',
      description: 'Detections of IP address pairs (SIGN ip-threat-summaries / ip-threat-details); severities CRITICAL, HIGH and OTHER only.',
    },
    OTHER: { value: 'OTHER', description: 'Domain, URL and other detections (SIGN threat-summaries / threat-details).' },
  } as const,
});

export const ThreatSeverityEnum = builder.enumType('ThreatSeverity', {
  description: "SIGN's severity of a detection, most urgent first.",
  values: {
    CRITICAL: { value: 'critical', description: 'Critical: act now.' },
    HIGH: { value: 'high', description: 'High.' },
    MEDIUM: { value: 'medium', description: 'Medium (not given for IP detections).' },
    LOW: { value: 'low', description: 'Low (not given for IP detections).' },
    INFORMATIONAL: { value: 'informational', description: 'Informational only (not given for IP detections).' },
    OTHER: { value: 'other', description: 'A severity SIGN does not rank.' },
  } as const,
});

export const TrafficDirectionEnum = builder.enumType('TrafficDirection', {
  description: 'Which way the detected traffic went, seen from the SIM.',
  values: { UP: { value: 'UP', description: 'From the SIM out (upload).' }, DOWN: { value: 'DOWN', description: 'Towards the SIM (download).' } } as const,
});

/** The IP threat endpoints know only critical, high and other. */
export function unsupportedIpSeverities(severities: readonly SignSeverity[] | null | undefined): SignSeverity[] {
  return (severities ?? []).filter((severity) => !SIGN_IP_SEVERITIES.includes(severity));
}
