/**
 * The demo's shared world: every simulator draws from these lists, so that the SIGN threat
 * targets meet CyberTrace detections, File Safer matches and Apex Central blocks in one query.
 * Everything is fixed: the same data on every start, on every machine.
 */

export const DEMO_TENANT_ID = '550e8400e29b41d4a716446655440000';
/** A second tenant, for isolation tests. */
export const OTHER_TENANT_ID = '7d3f0c2a9b8e4f6a1c5d2e3f4a5b6c7d';
export const DEMO_TENANTS = [DEMO_TENANT_ID, OTHER_TENANT_ID] as const;
/**
 * A third tenant, known only to simulators started with `largeTenant` (the benchmark): 200 SIMs
 * and enough detections for pages of 10,000 threat summaries, the vendor's largest page.
 */
export const LARGE_TENANT_ID = '3c9a6f1e2b7d4e8fa0c1d2e3f4a5b6c7';

/** The X-Auth-Token the SIGN simulator accepts. */
export const DEMO_SIGN_TOKEN = '098e5cb2b91c4b63a64e47dfe17a5f76';

export const DEMO_CYBERTRACE_CREDENTIALS = { username: 'demo-analyst', password: 'demo-cybertrace-password' } as const;
export const DEMO_NCP_CREDENTIALS = {
  accessKey: 'DEMOACCESSKEY0000001',
  secretKey: 'demo-ncp-secret-key-0123456789abcdef',
  apiKey: 'demo-ncp-api-key',
} as const;
export const DEMO_APEX_CREDENTIALS = { applicationId: 'b5a1c3d2-0e4f-4a6b-8c7d-9e0f1a2b3c4d', apiKey: 'demo-apex-api-key-fedcba9876543210' } as const;

/** Detection data ends here and reaches 30 days back. */
export const DEMO_DATA_END = '2026-11-20T00:00:00Z';
export const DEMO_DATA_DAYS = 30;

export type DemoLineType = 'INT' | 'VPN' | 'MEC';

export interface DemoSim {
  simId: string;
  simName: string;
  lineType: DemoLineType;
  profileStatus: 'active' | 'inactive';
  isLocked: boolean;
}

export const DEMO_SIMS: readonly DemoSim[] = [
  { simId: '440130000096015', simName: 'Tokyo HQ router', lineType: 'INT', profileStatus: 'active', isLocked: false },
  { simId: '440130000096016', simName: 'Osaka branch gateway', lineType: 'INT', profileStatus: 'active', isLocked: false },
  { simId: '440130000096017', simName: 'Delivery van 17', lineType: 'INT', profileStatus: 'inactive', isLocked: true },
  { simId: '440130000096021', simName: 'Nagoya factory PLC', lineType: 'VPN', profileStatus: 'active', isLocked: false },
  { simId: '440130000096022', simName: 'Sapporo kiosk', lineType: 'VPN', profileStatus: 'active', isLocked: false },
  { simId: '440130000096031', simName: 'Fukuoka edge camera', lineType: 'MEC', profileStatus: 'active', isLocked: false },
];

/** Targets CyberTrace knows as malicious (with categories and context). */
export const MALICIOUS_DOMAINS = ['ccdn.microsoftdocs.workers.dev', 'login-verify.example-phish.net', 'update.malware-cdn.org', 'c2.darkbeacon.io'] as const;
export const MALICIOUS_IPS = ['117.219.34.162', '185.220.101.45', '45.155.205.233'] as const;
export const MALICIOUS_URLS = ['http://update.malware-cdn.org/payload.bin', 'https://login-verify.example-phish.net/signin'] as const;

/** Targets CyberTrace answers "not detected" for. */
export const CLEAN_DOMAINS = ['www.ntt.com', 'docs.example.org', 'cdn.jsdelivr.net'] as const;
export const CLEAN_IPS = ['20.24.249.45', '8.8.8.8', '1.1.1.1'] as const;

/** A value CyberTrace answers "error" for, to show a per-object error. */
export const LOOKUP_ERROR_DOMAINS = ['timeout.lookup-error.test'] as const;

/** Hashes File Safer's Hash Filter knows as malware. */
export const MALICIOUS_MD5 = ['c1153422c5f68e731347f6a33f791598', '44d88612fea8a8f36de82e1278abb02f'] as const;
export const MALICIOUS_SHA1 = ['3395856ce81f2b7382dee72602f798b642f14140', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'] as const;
export const MALICIOUS_SHA256 = ['275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f'] as const;

/** Already on Apex Central's User-Defined Suspicious Object list when the demo starts. */
export const PREBLOCKED_OBJECTS: readonly { type: 'ip' | 'url' | 'file_sha1' | 'domain'; content: string; scanAction: 'log' | 'block'; notes: string }[] = [
  { type: 'domain', content: 'ccdn.microsoftdocs.workers.dev', scanAction: 'block', notes: 'Spyware C2, blocked after incident 2026-0412' },
  { type: 'ip', content: '185.220.101.45', scanAction: 'block', notes: 'Tor exit used for credential stuffing' },
  { type: 'url', content: 'http://update.malware-cdn.org/payload.bin', scanAction: 'log', notes: 'Watch: dropper URL' },
  { type: 'file_sha1', content: '3395856ce81f2b7382dee72602f798b642f14140', scanAction: 'block', notes: 'EICAR test file' },
];

/** Domain threat targets in the SIGN data: malicious, clean and blocked ones mixed. */
export const DEMO_THREAT_DOMAINS = [...MALICIOUS_DOMAINS, ...CLEAN_DOMAINS, ...LOOKUP_ERROR_DOMAINS] as const;
/** Remote addresses in IP threat pairs (`<sim address>/<remote>`). */
export const DEMO_THREAT_REMOTE_IPS = [...MALICIOUS_IPS, ...CLEAN_IPS] as const;

/** The whole data window, as the demo query asks for it. */
export const DATA_WINDOW_FOR_DEMO = {
  from: new Date(Date.parse(DEMO_DATA_END) - DEMO_DATA_DAYS * 86_400_000).toISOString().replace('.000Z', 'Z'),
  to: DEMO_DATA_END,
} as const;
