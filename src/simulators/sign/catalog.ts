/**
 * The vendor's enums, and what the generated data is made of: how each demo threat target
 * is classified and which applications the SIMs talk with.
 */
import { CLEAN_DOMAINS, CLEAN_IPS, LOOKUP_ERROR_DOMAINS, MALICIOUS_DOMAINS, MALICIOUS_IPS } from '../demo-seed.js';

export const LINE_TYPES = ['INT', 'VPN', 'MEC'] as const;
export type LineType = (typeof LINE_TYPES)[number];

export const OTHER_SEVERITIES = ['critical', 'high', 'medium', 'other', 'low', 'informational'] as const;
export type OtherSeverity = (typeof OTHER_SEVERITIES)[number];
/** The IP threat endpoints know only these three. */
export const IP_SEVERITIES = ['critical', 'high', 'other'] as const;
export type IpSeverity = (typeof IP_SEVERITIES)[number];

export interface ThreatClass<S extends string> {
  threatType: string;
  severities: readonly S[];
}

const MALICIOUS_DOMAIN_CLASSES: readonly ThreatClass<OtherSeverity>[] = [
  { threatType: 'spyware', severities: ['critical', 'high'] },
  { threatType: 'phishing', severities: ['high', 'medium'] },
  { threatType: 'virus', severities: ['critical', 'high', 'medium'] },
  { threatType: 'spyware', severities: ['critical'] },
];

/** Clean domains still show up (policy hits, reputation noise), only at the low end. */
export function classifyDomain(domain: string): ThreatClass<OtherSeverity> {
  const maliciousIndex = (MALICIOUS_DOMAINS as readonly string[]).indexOf(domain);
  if (maliciousIndex >= 0) return MALICIOUS_DOMAIN_CLASSES[maliciousIndex % MALICIOUS_DOMAIN_CLASSES.length] as ThreatClass<OtherSeverity>;
  if ((LOOKUP_ERROR_DOMAINS as readonly string[]).includes(domain)) return { threatType: 'spyware', severities: ['medium', 'other'] };
  return { threatType: 'url', severities: ['low', 'informational', 'other'] };
}

/** Mostly the malicious targets, so the demo joins well with CyberTrace. */
export const DOMAIN_TARGET_WEIGHTS = [
  ...MALICIOUS_DOMAINS.map((value) => ({ value: value as string, weight: 18 })),
  ...CLEAN_DOMAINS.map((value) => ({ value: value as string, weight: 6 })),
  ...LOOKUP_ERROR_DOMAINS.map((value) => ({ value: value as string, weight: 7 })),
];

const MALICIOUS_IP_CLASSES: readonly ThreatClass<IpSeverity>[] = [
  { threatType: 'spyware', severities: ['critical', 'high'] },
  { threatType: 'brute-force', severities: ['high', 'critical'] },
  { threatType: 'vulnerability', severities: ['critical', 'high', 'other'] },
];

export function classifyRemoteIp(address: string): ThreatClass<IpSeverity> {
  const maliciousIndex = (MALICIOUS_IPS as readonly string[]).indexOf(address);
  if (maliciousIndex >= 0) return MALICIOUS_IP_CLASSES[maliciousIndex % MALICIOUS_IP_CLASSES.length] as ThreatClass<IpSeverity>;
  return { threatType: 'scan', severities: ['other'] };
}

export const REMOTE_IP_WEIGHTS = [
  ...MALICIOUS_IPS.map((value) => ({ value: value as string, weight: 27 })),
  ...CLEAN_IPS.map((value) => ({ value: value as string, weight: 6 })),
];

/** How a detection was seen on the wire: the session's application, protocol and server port. */
export interface DetectionChannel {
  application: string;
  ipProtocol: 'tcp' | 'udp';
  serverPort: number;
}

export const DOMAIN_CHANNELS: readonly DetectionChannel[] = [
  { application: 'dns-base', ipProtocol: 'udp', serverPort: 53 },
  { application: 'dns-base', ipProtocol: 'udp', serverPort: 53 },
  { application: 'ssl', ipProtocol: 'tcp', serverPort: 443 },
  { application: 'web-browsing', ipProtocol: 'tcp', serverPort: 80 },
];

export const IP_CHANNELS: readonly DetectionChannel[] = [
  { application: 'ssl', ipProtocol: 'tcp', serverPort: 443 },
  { application: 'web-browsing', ipProtocol: 'tcp', serverPort: 80 },
  { application: 'ssh', ipProtocol: 'tcp', serverPort: 22 },
  { application: 'unknown-tcp', ipProtocol: 'tcp', serverPort: 4444 },
  { application: 'unknown-udp', ipProtocol: 'udp', serverPort: 1900 },
];

/** Resolvers the DNS detections go through (the vendor's example uses 20.24.249.45). */
export const DNS_RESOLVERS = CLEAN_IPS;

const PUBLIC_SERVERS = ['20.24.249.45', '52.69.186.44', '13.107.42.14', '142.250.196.110', '104.16.85.20', '203.0.113.10'] as const;

/** NBAR2 application IDs are (engine 13 << 24) | selector; 218104303 is the vendor's example. */
function nbarId(selector: number): string {
  return String(13 * 2 ** 24 + selector);
}

/** An application in the flow logs, with the shape of its traffic. */
export interface FlowApp {
  name: string;
  appId: string;
  protocol: number;
  serverPort: number;
  /** Relative share of flows. */
  weight: number;
  bytesPerFlow: readonly [number, number];
  bytesPerPacket: readonly [number, number];
  durationSeconds: readonly [number, number];
  servers: readonly string[];
  /** Hour of day (JST) when the application is busiest, and how strongly it follows the day. */
  peakHourJst: number;
  dailySwing: number;
}

export const FLOW_APPS: readonly FlowApp[] = [
  {
    name: 'dns',
    appId: nbarId(53),
    protocol: 17,
    serverPort: 53,
    weight: 30,
    bytesPerFlow: [80, 600],
    bytesPerPacket: [70, 160],
    durationSeconds: [0, 1],
    servers: ['8.8.8.8', '1.1.1.1', '20.24.249.45'],
    peakHourJst: 12,
    dailySwing: 0.3,
  },
  {
    name: 'ssl',
    appId: nbarId(453),
    protocol: 6,
    serverPort: 443,
    weight: 25,
    bytesPerFlow: [2_000, 2_000_000],
    bytesPerPacket: [400, 1400],
    durationSeconds: [1, 300],
    servers: PUBLIC_SERVERS,
    peakHourJst: 14,
    dailySwing: 0.6,
  },
  {
    name: 'http',
    appId: nbarId(80),
    protocol: 6,
    serverPort: 80,
    weight: 8,
    bytesPerFlow: [1_000, 500_000],
    bytesPerPacket: [300, 1400],
    durationSeconds: [1, 120],
    servers: PUBLIC_SERVERS,
    peakHourJst: 15,
    dailySwing: 0.5,
  },
  {
    name: 'mqtt',
    appId: nbarId(1883),
    protocol: 6,
    serverPort: 8883,
    weight: 15,
    bytesPerFlow: [200, 20_000],
    bytesPerPacket: [80, 400],
    durationSeconds: [5, 600],
    servers: ['52.69.186.44', '13.107.42.14'],
    peakHourJst: 9,
    dailySwing: 0.1,
  },
  {
    name: 'ntp',
    appId: nbarId(123),
    protocol: 17,
    serverPort: 123,
    weight: 6,
    bytesPerFlow: [90, 180],
    bytesPerPacket: [90, 90],
    durationSeconds: [0, 1],
    servers: ['133.243.238.164', '210.173.160.27'],
    peakHourJst: 0,
    dailySwing: 0.05,
  },
  {
    name: 'ssh',
    appId: nbarId(22),
    protocol: 6,
    serverPort: 22,
    weight: 4,
    bytesPerFlow: [3_000, 300_000],
    bytesPerPacket: [100, 600],
    durationSeconds: [10, 1800],
    servers: ['203.0.113.22', '198.51.100.7'],
    peakHourJst: 10,
    dailySwing: 0.7,
  },
  {
    name: 'ms-update',
    appId: '218104303',
    protocol: 6,
    serverPort: 443,
    weight: 3,
    bytesPerFlow: [100_000, 20_000_000],
    bytesPerPacket: [1200, 1460],
    durationSeconds: [30, 900],
    servers: ['13.107.4.50', '23.52.128.10'],
    peakHourJst: 3,
    dailySwing: 0.7,
  },
  {
    name: 'icmp',
    appId: nbarId(1),
    protocol: 1,
    serverPort: 0,
    weight: 4,
    bytesPerFlow: [64, 640],
    bytesPerPacket: [64, 64],
    durationSeconds: [0, 10],
    servers: ['8.8.8.8', '1.1.1.1'],
    peakHourJst: 12,
    dailySwing: 0.2,
  },
];
