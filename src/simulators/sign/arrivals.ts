/**
 * Detections that arrive while the simulator runs, for the live threat feed. SIGN shows a
 * detection only once it has processed it, so a detection can become visible after others
 * received later: `receivedAt` is when the SIM's traffic was caught, the moment of `add` is
 * when SIGN starts answering with it. Generated rows (data.ts) stay as they are.
 */
import { classifyDomain, classifyRemoteIp, DOMAIN_CHANNELS, IP_CHANNELS } from './catalog.js';
import type { TenantData, ThreatRecord } from './data.js';
import { formatMillis } from './time.js';

export interface ArrivingDetection {
  tenantId: string;
  kind: 'OTHER' | 'IP';
  simId: string;
  /** A domain for OTHER, the remote IPv4 address for IP (the target becomes `<SIM address>/<remote>`). */
  target: string;
  /** Epoch ms, whole seconds as SIGN keeps them; earlier than the last one added makes a late detection. */
  receivedAt: number;
  /** Default: the first severity the demo catalogue gives the target. */
  threatSeverity?: string;
}

/** Past the generated rows, so ids never collide and ties keep the order of arrival. */
const FIRST_ARRIVAL_ID = 1_000_000;

export class SignArrivals {
  private readonly added: ArrivingDetection[] = [];

  add(detection: ArrivingDetection): void {
    if (detection.receivedAt % 1000 !== 0) throw new Error('SIGN simulator: receivedAt must fall on a whole second');
    this.added.push({ ...detection });
  }

  /** How many have been added, for tests. */
  get size(): number {
    return this.added.length;
  }

  /** The tenant's arrived detections of one kind as rows like the generated ones; SIMs the tenant lacks are skipped. */
  records(tenantId: string, kind: 'OTHER' | 'IP', data: TenantData): ThreatRecord[] {
    const records: ThreatRecord[] = [];
    this.added.forEach((arrival, index) => {
      if (arrival.tenantId !== tenantId || arrival.kind !== kind) return;
      const sim = data.sims.find((candidate) => candidate.simId === arrival.simId);
      if (sim === undefined) return;
      const threatClass = kind === 'OTHER' ? classifyDomain(arrival.target) : classifyRemoteIp(arrival.target);
      const channel = kind === 'OTHER' ? DOMAIN_CHANNELS[0]! : IP_CHANNELS[0]!;
      records.push({
        id: FIRST_ARRIVAL_ID + index,
        receivedAt: arrival.receivedAt,
        sim,
        detail: {
          receiveTime: formatMillis(arrival.receivedAt),
          threatSeverity: arrival.threatSeverity ?? threatClass.severities[0]!,
          threatType: threatClass.threatType,
          detectedTarget: kind === 'OTHER' ? arrival.target : `${sim.address}/${arrival.target}`,
          application: channel.application,
          ipProtocol: channel.ipProtocol,
          stream: 'UP',
          sourceAddress: sim.address,
          destinationAddress: kind === 'OTHER' ? '8.8.8.8' : arrival.target,
          sourcePort: String(40_000 + (index % 20_000)),
          destinationPort: String(channel.serverPort),
          lineType: sim.lineType,
        },
      });
    });
    return records;
  }
}
