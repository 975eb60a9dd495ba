import { SIGN_IP_SEVERITIES, type SignSeverity } from '../../upstreams/sign/models.js';
import { builder } from '../builder.js';

/** GraphQL enums whose internal values are the vendor's spellings, so resolvers pass them through unchanged. */

export const LineTypeEnum = builder.enumType('LineType', {
  values: { INT: { value: 'INT' }, VPN: { value: 'VPN' }, MEC: { value: 'MEC' } } as const,
});

export const ThreatKindEnum = builder.enumType('ThreatKind', {
  description: 'IP: detections of IP pairs; OTHER: domain and other detections.',
  values: { IP: { value: 'IP' }, OTHER: { value: 'OTHER' } } as const,
});

export const ThreatSeverityEnum = builder.enumType('ThreatSeverity', {
  values: {
    CRITICAL: { value: 'critical' },
    HIGH: { value: 'high' },
    MEDIUM: { value: 'medium' },
    LOW: { value: 'low' },
    INFORMATIONAL: { value: 'informational' },
    OTHER: { value: 'other' },
  } as const,
});

export const TrafficDirectionEnum = builder.enumType('TrafficDirection', {
  values: { UP: { value: 'UP' }, DOWN: { value: 'DOWN' } } as const,
});

/** The IP threat endpoints know only critical, high and other. */
export function unsupportedIpSeverities(severities: readonly SignSeverity[] | null | undefined): SignSeverity[] {
  return (severities ?? []).filter((severity) => !SIGN_IP_SEVERITIES.includes(severity));
}
