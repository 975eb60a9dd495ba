import type { ThreatRecord } from './data.js';
import { DAY_MS, formatMillis } from './time.js';

/** A summary row as the vendor sends it, for both the "other" and the IP summaries. */
export interface ThreatSummary {
  receiveTime: string;
  recordCount: number;
  simId: string;
  profileStatus: string;
  detectedTarget: string;
  threatSeverity: string;
  threatType: string;
  simName: string;
  isLocked: boolean;
}

/**
 * Summaries are computed from the details the same query selects, one per SIM, target,
 * severity, type and UTC day, so a summary's recordCount is exactly the number of detail rows
 * behind it and its receiveTime (the newest of them) lies within the asked window.
 */
export function summarizeThreats(details: readonly ThreatRecord[]): ThreatSummary[] {
  const groups = new Map<string, { newest: number; records: ThreatRecord[] }>();
  for (const record of details) {
    const { detail } = record;
    const day = Math.floor(record.receivedAt / DAY_MS);
    const key = [record.sim.simId, detail.detectedTarget, detail.threatSeverity, detail.threatType, day].join('|');
    const group = groups.get(key);
    if (group) {
      group.records.push(record);
      group.newest = Math.max(group.newest, record.receivedAt);
    } else {
      groups.set(key, { newest: record.receivedAt, records: [record] });
    }
  }
  return [...groups.entries()]
    .sort(([keyA, a], [keyB, b]) => b.newest - a.newest || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0))
    .map(([, group]) => {
      const first = group.records[0] as ThreatRecord;
      return {
        receiveTime: formatMillis(group.newest),
        recordCount: group.records.length,
        simId: first.sim.simId,
        profileStatus: first.sim.profileStatus,
        detectedTarget: first.detail.detectedTarget,
        threatSeverity: first.detail.threatSeverity,
        threatType: first.detail.threatType,
        simName: first.sim.simName,
        isLocked: first.sim.isLocked,
      };
    });
}
