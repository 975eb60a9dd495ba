/**
 * Each tenant's generated world: its SIMs, "other" (domain) detections, IP detections and
 * flow logs. Seeded by the tenant ID, one seeded stream per kind of row, so the rows never
 * change between runs and a change in one generator leaves the others as they were.
 */
import { DEMO_DATA_DAYS, DEMO_DATA_END, LARGE_TENANT_ID, MALICIOUS_IPS, OTHER_TENANT_ID, type DemoSim } from '../demo-seed.js';
import {
  classifyDomain,
  classifyRemoteIp,
  DNS_RESOLVERS,
  DOMAIN_CHANNELS,
  DOMAIN_TARGET_WEIGHTS,
  FLOW_APPS,
  IP_CHANNELS,
  REMOTE_IP_WEIGHTS,
  type DetectionChannel,
  type FlowApp,
  type LineType,
} from './catalog.js';
import { hashString, SeededRandom, type Weighted } from './prng.js';
import { DAY_MS, formatMillis, HOUR_MS, parseDateTime } from './time.js';

export interface TenantSim extends DemoSim {
  /** The SIM's private address, the local side of every detection and flow. */
  address: string;
}

/** A threat detail as the vendor sends it (ports are strings there). */
export interface ThreatDetail {
  receiveTime: string;
  threatSeverity: string;
  threatType: string;
  detectedTarget: string;
  application: string;
  ipProtocol: string;
  stream: 'UP' | 'DOWN';
  sourceAddress: string;
  destinationAddress: string;
  sourcePort: string;
  destinationPort: string;
  lineType: LineType;
}

export interface ThreatRecord {
  /** Generation order: the stable tie-breaker when receive times are equal. */
  id: number;
  receivedAt: number;
  sim: TenantSim;
  detail: ThreatDetail;
}

/** A flow log row as the vendor sends it (appId is a string there, ports are numbers). */
export interface FlowLog {
  flowStartMilliseconds: string;
  flowEndMilliseconds: string;
  ipv4SrcAddr: string;
  ipv4DstAddr: string;
  appId: string;
  l4SrcPort: number;
  l4DstPort: number;
  protocol: number;
  inBytes: number;
  inPkts: number;
  simId: string;
}

export interface FlowRecord {
  id: number;
  startedAt: number;
  sim: TenantSim;
  app: FlowApp;
  log: FlowLog;
}

/** Every list is sorted newest first, ties by id. */
export interface TenantData {
  sims: readonly TenantSim[];
  otherThreats: readonly ThreatRecord[];
  ipThreats: readonly ThreatRecord[];
  flows: readonly FlowRecord[];
  /** The span the rows cover: [start, end). */
  window: { start: number; end: number };
}

export interface TenantVolumes {
  /** A burst of detections of one target by one SIM within a few hours. */
  otherIncidents: number;
  ipIncidents: number;
  flows: number;
}

export interface TenantPlan {
  tenantId: string;
  /** The demo tenant is full; the second tenant is a smaller, separate world; the large one is the benchmark's. */
  size: 'full' | 'small' | 'large';
  sims: readonly TenantSim[];
  volumes: TenantVolumes;
}

const FULL_VOLUMES: TenantVolumes = { otherIncidents: 140, ipIncidents: 90, flows: 5000 };
const SMALL_VOLUMES: TenantVolumes = { otherIncidents: 35, ipIncidents: 25, flows: 1200 };
const LARGE_VOLUMES: TenantVolumes = { otherIncidents: 12_000, ipIncidents: 500, flows: 5000 };
const LARGE_TENANT_SIMS = 200;
const INCIDENT_MAX_DETECTIONS = 8;
const INCIDENT_MAX_SPREAD_MS = 6 * HOUR_MS;

/**
 * The second tenant exists for isolation tests: it is smaller, has every second SIM of each
 * line type (at least one), so some of the demo tenant's SIMs are unknown there, and its own
 * subnet, so no row of one tenant can pass for the other's.
 */
export function planTenant(tenantId: string, position: number, sims: readonly DemoSim[]): TenantPlan {
  if (tenantId === LARGE_TENANT_ID) return planLargeTenant(tenantId, position);
  const small = tenantId === OTHER_TENANT_ID;
  const chosen = small ? everySecondOfEachLineType(sims) : sims;
  const subnet = 11 + ((position * 10) % 240);
  return {
    tenantId,
    size: small ? 'small' : 'full',
    sims: chosen.map((sim, index) => ({ ...sim, address: `192.168.${subnet}.${2 + (index % 250)}` })),
    volumes: small ? SMALL_VOLUMES : FULL_VOLUMES,
  };
}

/** The benchmark's tenant: INT SIMs of its own (4401300010xxxxx), on a /16 of its own. */
function planLargeTenant(tenantId: string, position: number): TenantPlan {
  const sims = Array.from({ length: LARGE_TENANT_SIMS }, (_, index) => ({
    simId: `4401300010${String(index).padStart(5, '0')}`,
    simName: `Fleet unit ${index + 1}`,
    lineType: 'INT' as const,
    profileStatus: index % 5 === 4 ? ('inactive' as const) : ('active' as const),
    isLocked: index % 10 === 9,
    address: `10.${100 + (position % 100)}.${Math.floor(index / 250)}.${2 + (index % 250)}`,
  }));
  return { tenantId, size: 'large', sims, volumes: LARGE_VOLUMES };
}

function everySecondOfEachLineType(sims: readonly DemoSim[]): DemoSim[] {
  const byLineType = new Map<string, DemoSim[]>();
  for (const sim of sims) byLineType.set(sim.lineType, [...(byLineType.get(sim.lineType) ?? []), sim]);
  return sims.filter((sim) => {
    const group = byLineType.get(sim.lineType) ?? [];
    const index = group.indexOf(sim);
    return group.length === 1 || index % 2 === 1;
  });
}

export function dataWindow(): { start: number; end: number } {
  const end = parseDateTime(DEMO_DATA_END);
  if (end === undefined) throw new Error(`DEMO_DATA_END is not a date-time: ${DEMO_DATA_END}`);
  return { start: end - DEMO_DATA_DAYS * DAY_MS, end };
}

export function generateTenantData(plan: TenantPlan): TenantData {
  const window = dataWindow();
  if (plan.sims.length === 0) return { sims: plan.sims, otherThreats: [], ipThreats: [], flows: [], window };
  return {
    sims: plan.sims,
    otherThreats: newestFirst(generateOtherThreats(plan, window), (row) => row.receivedAt),
    ipThreats: newestFirst(generateIpThreats(plan, window), (row) => row.receivedAt),
    flows: newestFirst(generateFlows(plan, window), (row) => row.startedAt),
    window,
  };
}

function newestFirst<T extends { id: number }>(rows: T[], time: (row: T) => number): T[] {
  return rows.sort((a, b) => time(b) - time(a) || a.id - b.id);
}

/** Active SIMs talk (and get caught) more than inactive ones. */
function simWeights(sims: readonly TenantSim[]): Weighted<TenantSim>[] {
  return sims.map((sim) => ({ value: sim, weight: sim.profileStatus === 'active' ? 3 : 1 }));
}

function ephemeralPort(random: SeededRandom): number {
  return random.integer(1024, 65535);
}

/** Times fall on whole seconds, so second-precision `from`/`to` windows cut cleanly. */
function incidentTimes(random: SeededRandom, window: { start: number; end: number }): number[] {
  const windowSeconds = (window.end - window.start) / 1000;
  const start = window.start + random.integer(0, windowSeconds - 1) * 1000;
  const spreadSeconds = random.integer(60, INCIDENT_MAX_SPREAD_MS / 1000);
  const count = random.integer(1, INCIDENT_MAX_DETECTIONS);
  return Array.from({ length: count }, () => Math.min(start + random.integer(0, spreadSeconds) * 1000, window.end - 1000));
}

/** A stand-in public address for a domain (TEST-NET-3), stable per domain. */
function resolvedAddress(domain: string): string {
  return `203.0.113.${1 + (hashString(domain) % 250)}`;
}

function detail(
  random: SeededRandom,
  receivedAt: number,
  sim: TenantSim,
  channel: DetectionChannel,
  fields: { threatSeverity: string; threatType: string; detectedTarget: string; destinationAddress: string },
): ThreatDetail {
  // The addresses are those of the session (the SIM opened it); stream tells which way the
  // flagged packet went, as in the vendor's example (a DNS answer: DOWN, SIM as source).
  return {
    receiveTime: formatMillis(receivedAt),
    threatSeverity: fields.threatSeverity,
    threatType: fields.threatType,
    detectedTarget: fields.detectedTarget,
    application: channel.application,
    ipProtocol: channel.ipProtocol,
    stream: random.chance(0.5) ? 'UP' : 'DOWN',
    sourceAddress: sim.address,
    destinationAddress: fields.destinationAddress,
    sourcePort: String(ephemeralPort(random)),
    destinationPort: String(channel.serverPort),
    lineType: sim.lineType,
  };
}

function generateOtherThreats(plan: TenantPlan, window: { start: number; end: number }): ThreatRecord[] {
  const random = new SeededRandom(`${plan.tenantId}:other-threats`);
  const sims = simWeights(plan.sims);
  const rows: ThreatRecord[] = [];
  for (let incident = 0; incident < plan.volumes.otherIncidents; incident += 1) {
    const sim = random.pickWeighted(sims);
    const domain = random.pickWeighted(DOMAIN_TARGET_WEIGHTS);
    const threatClass = classifyDomain(domain);
    const channel = random.pick(DOMAIN_CHANNELS);
    for (const receivedAt of incidentTimes(random, window)) {
      const destinationAddress = channel.application === 'dns-base' ? random.pick(DNS_RESOLVERS) : resolvedAddress(domain);
      rows.push({
        id: rows.length,
        receivedAt,
        sim,
        detail: detail(random, receivedAt, sim, channel, {
          threatSeverity: random.pick(threatClass.severities),
          threatType: threatClass.threatType,
          detectedTarget: domain,
          destinationAddress,
        }),
      });
    }
  }
  return rows;
}

function generateIpThreats(plan: TenantPlan, window: { start: number; end: number }): ThreatRecord[] {
  const random = new SeededRandom(`${plan.tenantId}:ip-threats`);
  const sims = simWeights(plan.sims);
  const rows: ThreatRecord[] = [];
  for (let incident = 0; incident < plan.volumes.ipIncidents; incident += 1) {
    const sim = random.pickWeighted(sims);
    const remote = random.pickWeighted(REMOTE_IP_WEIGHTS);
    const threatClass = classifyRemoteIp(remote);
    const channel = random.pick(IP_CHANNELS);
    for (const receivedAt of incidentTimes(random, window)) {
      rows.push({
        id: rows.length,
        receivedAt,
        sim,
        detail: detail(random, receivedAt, sim, channel, {
          threatSeverity: random.pick(threatClass.severities),
          threatType: threatClass.threatType,
          detectedTarget: `${sim.address}/${remote}`,
          destinationAddress: remote,
        }),
      });
    }
  }
  return rows;
}

const APP_WEIGHTS = FLOW_APPS.map((app) => ({ value: app, weight: app.weight }));
/** A small share of flows reach the known-bad addresses, so flows and IP threats meet. */
const MALICIOUS_FLOW_SHARE = 0.04;

function generateFlows(plan: TenantPlan, window: { start: number; end: number }): FlowRecord[] {
  const random = new SeededRandom(`${plan.tenantId}:flows`);
  const sims = simWeights(plan.sims);
  const rows: FlowRecord[] = [];
  for (let index = 0; index < plan.volumes.flows; index += 1) {
    const sim = random.pickWeighted(sims);
    const app = random.pickWeighted(APP_WEIGHTS);
    const startedAt = window.start + random.integer(0, window.end - window.start - 1);
    const durationMs = random.integer(app.durationSeconds[0] * 1000, app.durationSeconds[1] * 1000);
    const inBytes = random.integer(app.bytesPerFlow[0], app.bytesPerFlow[1]);
    const inPkts = Math.max(1, Math.ceil(inBytes / random.integer(app.bytesPerPacket[0], app.bytesPerPacket[1])));
    const server = app.protocol === 6 && random.chance(MALICIOUS_FLOW_SHARE) ? random.pick(MALICIOUS_IPS) : random.pick(app.servers);
    const clientPort = app.protocol === 1 ? 0 : ephemeralPort(random);
    // Flow records are one-directional: about a third are the server's answers to the SIM.
    const upstream = random.chance(0.65);
    rows.push({
      id: index,
      startedAt,
      sim,
      app,
      log: {
        flowStartMilliseconds: formatMillis(startedAt),
        flowEndMilliseconds: formatMillis(startedAt + durationMs),
        ipv4SrcAddr: upstream ? sim.address : server,
        ipv4DstAddr: upstream ? server : sim.address,
        appId: app.appId,
        l4SrcPort: upstream ? clientPort : app.serverPort,
        l4DstPort: upstream ? app.serverPort : clientPort,
        protocol: app.protocol,
        inBytes,
        inPkts,
        simId: sim.simId,
      },
    });
  }
  return rows;
}
