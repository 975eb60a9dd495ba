import { timingSafeEqual } from 'node:crypto';
import {
  DEMO_CYBERTRACE_CREDENTIALS,
  LOOKUP_ERROR_DOMAINS,
  MALICIOUS_DOMAINS,
  MALICIOUS_IPS,
  MALICIOUS_MD5,
  MALICIOUS_SHA1,
  MALICIOUS_SHA256,
  MALICIOUS_URLS,
} from './demo-seed.js';
import type { RecordedRequest, SimulatorHandler, SimulatorReply } from './harness.js';

/**
 * Kaspersky CyberTrace `POST /api/{version}/lookup`, as strict as the vendor page: Basic auth,
 * a JSON content type, a non-empty array of `{object}`, at most 64 MB. Detections come from the
 * demo seed; hash answers use the key `detects` (as the vendor's own example does), every other
 * detection `categories`, so the gateway has to accept both.
 */

export const CYBERTRACE_DEFAULT_API_VERSION = '1.1';
/** The vendor's documented body limit, in bytes. */
export const CYBERTRACE_MAX_BODY_BYTES = 67_108_864;

export function cyberTraceLookupPath(apiVersion: string = CYBERTRACE_DEFAULT_API_VERSION): string {
  return `/api/${apiVersion}/lookup`;
}
export const CYBERTRACE_LOOKUP_PATH = cyberTraceLookupPath();

export interface CyberTraceCategory {
  category: string;
  detected_indicator: string;
  context: Record<string, string>;
}

export interface CyberTraceLookupItem {
  object: string;
  result: 'detected' | 'not detected' | 'error';
  categories?: CyberTraceCategory[];
  detects?: CyberTraceCategory[];
  reason?: string;
}

export interface CyberTraceSimulatorOptions {
  username?: string;
  password?: string;
  apiVersion?: string;
}

export type CyberTraceSimulator = SimulatorHandler;

/** The name a custom (non-Kaspersky) supplier feed gives its category: category names are open. */
export const DEMO_SUPPLIER_CATEGORY = 'Demo_SOC_Blocklist';

function category(name: string, indicator: string, context: Record<string, string>): CyberTraceCategory {
  return { category: name, detected_indicator: indicator, context };
}

/** What each seeded malicious value matches, keyed by its normalised form (see `normalise`). */
function buildFeed(): Map<string, CyberTraceCategory[]> {
  const feed = new Map<string, CyberTraceCategory[]>();
  const add = (key: string, categories: CyberTraceCategory[]) => feed.set(key, categories);
  const [spywareDomain, phishDomain, cdnDomain, c2Domain] = MALICIOUS_DOMAINS;
  add(spywareDomain, [
    category('KL_Botnet_CnC_URL', spywareDomain, {
      first_seen: '02.04.2026 08:11',
      last_seen: '19.11.2026 22:40',
      threat: 'HEUR:Trojan-Spy.AndroidOS.Agent.a',
      popularity: '3',
    }),
    category(DEMO_SUPPLIER_CATEGORY, spywareDomain, { analyst: 'soc-tokyo', ticket: 'INC-2026-0412', confidence: 'high' }),
  ]);
  add(phishDomain, [
    category('KL_Phishing_URL', phishDomain, {
      first_seen: '11.10.2026 03:27',
      last_seen: '19.11.2026 17:02',
      popularity: '4',
      url: `https://${phishDomain}/signin`,
    }),
  ]);
  add(cdnDomain, [
    category('KL_Malicious_URL', cdnDomain, {
      first_seen: '28.09.2026 12:00',
      last_seen: '18.11.2026 09:15',
      threat: 'Trojan-Downloader.Win32.Agent.gen',
      popularity: '2',
    }),
  ]);
  add(c2Domain, [
    category('KL_Botnet_CnC_URL', c2Domain, {
      first_seen: '05.11.2026 19:44',
      last_seen: '19.11.2026 23:58',
      threat: 'Backdoor.Win64.CobaltStrike.gen',
      popularity: '1',
    }),
  ]);

  const [botnetIp, torIp, scannerIp] = MALICIOUS_IPS;
  add(botnetIp, [
    category('KL_IP_Reputation', botnetIp, { first_seen: '14.08.2026 06:30', threat_score: '85', category: 'botnet', ip_geo: 'in' }),
    category('KL_Botnet_CnC_URL', botnetIp, { first_seen: '20.08.2026 11:02', threat: 'Backdoor.Linux.Mirai.b', popularity: '5' }),
  ]);
  add(torIp, [category('KL_IP_Reputation', torIp, { first_seen: '01.03.2025 00:00', threat_score: '70', category: 'tor exit node', ip_geo: 'de' })]);
  add(scannerIp, [category('KL_IP_Reputation', scannerIp, { first_seen: '09.06.2026 15:20', threat_score: '90', category: 'brute force', ip_geo: 'nl' })]);

  const [payloadUrl, phishUrl] = MALICIOUS_URLS;
  add(normalise(payloadUrl), [
    category('KL_Malicious_URL', payloadUrl, { first_seen: '28.09.2026 12:00', threat: 'Trojan-Downloader.Win32.Agent.gen', files: 'payload.bin' }),
  ]);
  add(normalise(phishUrl), [category('KL_Phishing_URL', phishUrl, { first_seen: '11.10.2026 03:27', popularity: '4' })]);

  // Kaspersky feeds carry hashes upper-case, as in the vendor's example.
  const threats = ['Trojan.Win32.Generic', 'EICAR-Test-File', 'Trojan-Ransom.Win32.Gen'];
  [...MALICIOUS_MD5, ...MALICIOUS_SHA1, ...MALICIOUS_SHA256].forEach((hash, index) => {
    add(hash.toLowerCase(), [
      category('KL_Malicious_Hash', hash.toUpperCase(), { first_seen: '10.07.2015 23:53', threat: threats[index % threats.length] ?? 'Trojan.Win32.Generic' }),
    ]);
  });
  return feed;
}

const HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** Hashes and domains match whatever their case; a URL's scheme and host too, not its path. */
function normalise(object: string): string {
  if (HASH.test(object)) return object.toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(object)) {
    try {
      return new URL(object).href;
    } catch {
      return object;
    }
  }
  return object.toLowerCase();
}

function errorReply(status: number, statusText: string, reason: string): SimulatorReply {
  return { status, body: [{ status: statusText, reason }] };
}

function header(request: RecordedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function checkBasicAuth(request: RecordedRequest, username: string, password: string): SimulatorReply | undefined {
  const authorization = header(request, 'authorization');
  const match = authorization?.match(/^Basic ([A-Za-z0-9+/=]+)$/);
  if (!match?.[1]) return errorReply(401, 'Unauthorized', 'Basic authentication required');
  if (!safeEqual(Buffer.from(match[1], 'base64').toString('utf8'), `${username}:${password}`)) {
    return errorReply(401, 'Unauthorized', 'Invalid user name or password');
  }
  return undefined;
}

/** application/json, optionally with charset=utf-8 (the only charset the page allows). */
function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const [type, ...parameters] = value.split(';').map((part) => part.trim().toLowerCase());
  return type === 'application/json' && parameters.every((parameter) => parameter === 'charset=utf-8');
}

function parseLookupBody(body: string): string[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'Request body is not valid JSON';
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return 'Request body must be a non-empty JSON array of {"object": "..."}';
  const objects: string[] = [];
  for (const item of parsed as unknown[]) {
    const object = typeof item === 'object' && item !== null ? (item as { object?: unknown }).object : undefined;
    if (typeof object !== 'string' || object === '') return 'Every array item must have a non-empty string property "object"';
    objects.push(object);
  }
  return objects;
}

export function createCyberTraceSimulator(options: CyberTraceSimulatorOptions = {}): CyberTraceSimulator {
  const username = options.username ?? DEMO_CYBERTRACE_CREDENTIALS.username;
  const password = options.password ?? DEMO_CYBERTRACE_CREDENTIALS.password;
  const lookupPath = cyberTraceLookupPath(options.apiVersion);
  const feed = buildFeed();
  const lookupErrors = new Set<string>(LOOKUP_ERROR_DOMAINS.map((domain) => domain.toLowerCase()));

  function lookup(object: string): CyberTraceLookupItem {
    const key = normalise(object);
    if (lookupErrors.has(key)) return { object, result: 'error', reason: `Lookup of "${object}" timed out in supplier Demo_Slow_Feed` };
    const categories = feed.get(key);
    if (!categories) return { object, result: 'not detected' };
    return HASH.test(object) ? { object, result: 'detected', detects: categories } : { object, result: 'detected', categories };
  }

  return (request) => {
    if (request.path !== lookupPath) return errorReply(404, 'Not Found', `No such resource: ${request.path}`);
    if (request.method !== 'POST') return errorReply(405, 'Method Not Allowed', 'Lookup accepts POST only');
    const denied = checkBasicAuth(request, username, password);
    if (denied) return denied;
    // Size first: the vendor refuses an oversized request before reading it.
    const declaredLength = Number(header(request, 'content-length') ?? Number.NaN);
    const length = Number.isFinite(declaredLength) ? declaredLength : Buffer.byteLength(request.body);
    if (length > CYBERTRACE_MAX_BODY_BYTES) return errorReply(413, 'Payload Too Large', `Request body exceeds ${CYBERTRACE_MAX_BODY_BYTES} bytes`);
    if (!isJsonContentType(header(request, 'content-type'))) return errorReply(415, 'Unsupported Media Type', 'Content-Type must be application/json');
    const objects = parseLookupBody(request.body);
    if (typeof objects === 'string') return errorReply(400, 'Bad Request', objects);
    return { status: 200, body: objects.map(lookup) };
  };
}
