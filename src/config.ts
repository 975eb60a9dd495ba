import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { UpstreamName } from './errors.js';

/**
 * The gateway's whole configuration, parsed once from the environment. In live mode every
 * missing or malformed variable is reported at once, and the process refuses to start.
 */

const httpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value), 'must be an http:// or https:// URL')
  .transform((value) => value.replace(/\/+$/, ''));
const required = (what: string) =>
  z
    .string({ error: `is required (${what})` })
    .trim()
    .min(1, `is required (${what})`);
const onOff = z.enum(['on', 'off']);
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Per-upstream HTTP resilience: each setting has an `UPSTREAM_<SETTING>` default and a
 * `<SIGN|CYBERTRACE|FILESAFER|APEX>_<SETTING>` override, so every name follows one pattern.
 */
const UPSTREAM_ENV_PREFIX = { sign: 'SIGN', cybertrace: 'CYBERTRACE', filesafer: 'FILESAFER', apex: 'APEX' } as const satisfies Record<UpstreamName, string>;
/**
 * Each setting's model and its default when neither variable is set (HEADERS_TIMEOUT_MS: the
 * upstream's total timeout; MAX_CONCURRENCY_PER_CALLER: a quarter of MAX_CONCURRENCY).
 */
const UPSTREAM_HTTP_SETTINGS = {
  TIMEOUT_MS: { model: count(1, 600_000), fallback: 10_000 },
  CONNECT_TIMEOUT_MS: { model: count(1, 600_000), fallback: 3_000 },
  HEADERS_TIMEOUT_MS: { model: count(1, 600_000), fallback: undefined },
  RETRIES: { model: count(0, 10), fallback: 2 },
  BACKOFF_MS: { model: count(0, 60_000), fallback: 100 },
  BACKOFF_MAX_MS: { model: count(0, 60_000), fallback: 2_000 },
  RETRY_AFTER_MAX_MS: { model: count(0, 600_000), fallback: 5_000 },
  BREAKER_FAILURES: { model: count(1, 100_000), fallback: 5 },
  BREAKER_HALF_OPEN_MS: { model: count(1, 600_000), fallback: 1_000 },
  MAX_CONCURRENCY: { model: count(1, 1_024), fallback: 32 },
  MAX_QUEUE: { model: count(0, 100_000), fallback: 256 },
  MAX_CONCURRENCY_PER_CALLER: { model: count(1, 1_024), fallback: undefined },
  MAX_ANSWER_BYTES: { model: count(1, 1_073_741_824), fallback: 64 * 1_048_576 },
} as const;
type UpstreamHttpSetting = keyof typeof UPSTREAM_HTTP_SETTINGS;
type UpstreamHttpVariableModel = z.ZodOptional<ReturnType<typeof count>>;
type UpstreamHttpVariable = `${'UPSTREAM' | (typeof UPSTREAM_ENV_PREFIX)[UpstreamName]}_${UpstreamHttpSetting}`;

/** Every variable is optional here; the defaults apply in `upstreamHttpSettings`, after the overrides. */
function upstreamHttpEnvironment(): Record<UpstreamHttpVariable, UpstreamHttpVariableModel> {
  const shape: Record<string, UpstreamHttpVariableModel> = {};
  for (const [setting, { model }] of Object.entries(UPSTREAM_HTTP_SETTINGS)) {
    for (const prefix of ['UPSTREAM', ...Object.values(UPSTREAM_ENV_PREFIX)]) shape[`${prefix}_${setting}`] = model.optional();
  }
  return shape as Record<UpstreamHttpVariable, UpstreamHttpVariableModel>;
}

const liveEnvironment = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).optional(),
  SIGN_BASE_URL: httpUrl.default('https://api.ntt.com/sdpf-iot-pf/v1'),
  SIGN_AUTH_TOKEN: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'must be 32 characters 0-9a-f')
    .optional(),
  CYBERTRACE_BASE_URL: httpUrl,
  CYBERTRACE_API_VERSION: z
    .string()
    .regex(/^\d+(\.\d+)*$/, 'must look like 1.1')
    .default('1.1'),
  CYBERTRACE_USERNAME: required('CyberTrace Basic authentication user'),
  CYBERTRACE_PASSWORD: required('CyberTrace Basic authentication password'),
  FILESAFER_BASE_URL: httpUrl.default('https://filesafer.apigw.ntruss.com'),
  NCP_ACCESS_KEY: required('NCP API Gateway access key'),
  NCP_SECRET_KEY: required('NCP API Gateway secret key'),
  NCP_API_KEY: z.string().min(1).optional(),
  APEX_BASE_URL: httpUrl,
  APEX_APPLICATION_ID: required('Apex Central application id'),
  APEX_API_KEY: required('Apex Central API key'),
  ...upstreamHttpEnvironment(),
  GATEWAY_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  GATEWAY_BATCH_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\//.test(value) && URL.canParse(value), 'must be a redis:// or rediss:// URL')
    .optional(),
  GATEWAY_FEED_INTERVAL_SECONDS: z.coerce.number().min(0.05).max(3_600).default(30),
  GATEWAY_FEED_OVERLAP_SECONDS: z.coerce.number().min(0).max(86_400).default(300),
  GATEWAY_FEED_LEASE_SECONDS: z.coerce.number().min(0.1).max(3_600).optional(),
  GATEWAY_MAX_SUBSCRIPTIONS_PER_CALLER: count(1, 10_000).default(10),
  GATEWAY_CURSOR_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  GATEWAY_INTROSPECTION: onOff.optional(),
  GATEWAY_GRAPHIQL: onOff.optional(),
  GATEWAY_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(8_000),
  GATEWAY_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(1_000).default(50),
  GATEWAY_ADMISSION_FLOOR: z.coerce.number().int().min(0).max(10_000).default(4),
});

export type Mode = 'demo' | 'live';

export interface UpstreamTimeouts {
  /** TCP (and TLS) connection set-up. */
  connectMs: number;
  /** From the request sent to the answer's headers (and between body chunks), per attempt. */
  headersMs: number;
  /** The whole request, every retry and wait included, from sending to the last byte of the answer. */
  totalMs: number;
}

/** How one upstream is called: timeouts, retries, circuit breaker and concurrency bound (see upstreams/resilience.ts). */
export interface UpstreamHttpSettings extends UpstreamTimeouts {
  /** The largest answer read, in bytes: past it the connection is closed and the call fails, before the rest takes memory. */
  maxAnswerBytes: number;
  retry: {
    /** Further attempts after the first, for idempotent requests only. */
    retries: number;
    /** The first retry's delay before jitter; it doubles with each retry. */
    backoffMs: number;
    backoffMaxMs: number;
    /** A Retry-After longer than this is not waited for: the answer is given up on. */
    retryAfterMaxMs: number;
  };
  breaker: {
    /** Consecutive failed requests, each after its retries (transport errors, timeouts, 5xx, 429), that open the circuit. */
    failures: number;
    /** How long an open circuit fails fast before letting one trial request through. */
    halfOpenMs: number;
  };
  /**
   * Requests in flight at once (also the pool's connections), how many may wait beyond that, and
   * how many of them one caller may have in flight (its others wait their turn).
   */
  concurrency: { max: number; queue: number; perCaller: number };
}

export interface GatewayConfig {
  mode: Mode;
  port: number;
  host: string;
  sign: { baseUrl: string; authToken?: string };
  cybertrace: { baseUrl: string; apiVersion: string; username: string; password: string };
  filesafer: { baseUrl: string; accessKey: string; secretKey: string; apiKey?: string };
  apex: { baseUrl: string; applicationId: string; apiKey: string };
  upstreamHttp: Record<UpstreamName, UpstreamHttpSettings>;
  /** Upstream answers kept for `ttlSeconds` (0: off), in Redis when `redisUrl` is set. */
  cache: { ttlSeconds: number; redisUrl?: string };
  /** Subscription.threatDetected: how often SIGN is polled, how far back each poll reads, the poller's lease (with Redis), open subscriptions per caller. */
  feed: { intervalMs: number; overlapMs: number; leaseMs: number; maxSubscriptionsPerCaller: number };
  /** Signs pagination cursors; random per process unless set (set it when several instances serve one client). */
  cursorSecret: string;
  /** The longest an indicator batch waits for pages that could still add to it (indicators/batch-scheduler.ts). */
  batchWaitMs: number;
  introspection: boolean;
  graphiql: boolean;
  /** On SIGTERM, how long requests in flight may take to finish before their connections are cut. */
  shutdownTimeoutMs: number;
  /** How far the heap may grow past what the last full collection kept, in percent (heap-growth.ts); 0: V8's own policy. */
  heapGrowthPercent: number;
  /** GraphQL requests always worked on at once, however busy the process (admission-gate.ts); 0: no admission gate. */
  admissionFloor: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The gateway cannot start; fix these environment variables:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment of live mode; throws ConfigError naming every problem. */
export function loadConfig(
  mode: Mode,
  env: Record<string, string | undefined>,
  overrides: Partial<Record<keyof z.input<typeof liveEnvironment>, string>> = {},
): GatewayConfig {
  const source = blankToUndefined({ ...env, ...overrides });
  const parsed = liveEnvironment.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const e = parsed.data;
  if (e.GATEWAY_FEED_LEASE_SECONDS !== undefined && e.GATEWAY_FEED_LEASE_SECONDS <= e.GATEWAY_FEED_INTERVAL_SECONDS) {
    // The holder renews once per interval: a shorter lease would lapse between renewals.
    throw new ConfigError([`GATEWAY_FEED_LEASE_SECONDS must be longer than GATEWAY_FEED_INTERVAL_SECONDS (${e.GATEWAY_FEED_INTERVAL_SECONDS})`]);
  }
  const defaultOn = mode === 'demo';
  return {
    mode,
    port: e.PORT,
    // The demo has caller authentication off: it answers only this machine unless HOST says otherwise.
    host: e.HOST ?? (mode === 'demo' ? '127.0.0.1' : '0.0.0.0'),
    sign: { baseUrl: e.SIGN_BASE_URL, authToken: e.SIGN_AUTH_TOKEN },
    cybertrace: { baseUrl: e.CYBERTRACE_BASE_URL, apiVersion: e.CYBERTRACE_API_VERSION, username: e.CYBERTRACE_USERNAME, password: e.CYBERTRACE_PASSWORD },
    filesafer: { baseUrl: e.FILESAFER_BASE_URL, accessKey: e.NCP_ACCESS_KEY, secretKey: e.NCP_SECRET_KEY, apiKey: e.NCP_API_KEY },
    apex: { baseUrl: e.APEX_BASE_URL, applicationId: e.APEX_APPLICATION_ID, apiKey: e.APEX_API_KEY },
    upstreamHttp: {
      sign: upstreamHttpSettings(e, 'sign'),
      cybertrace: upstreamHttpSettings(e, 'cybertrace'),
      filesafer: upstreamHttpSettings(e, 'filesafer'),
      apex: upstreamHttpSettings(e, 'apex'),
    },
    cache: { ttlSeconds: e.GATEWAY_CACHE_TTL_SECONDS, redisUrl: e.REDIS_URL },
    feed: {
      intervalMs: Math.round(e.GATEWAY_FEED_INTERVAL_SECONDS * 1000),
      overlapMs: Math.round(e.GATEWAY_FEED_OVERLAP_SECONDS * 1000),
      // Renewed every interval: three intervals ride out a slow poll or two.
      leaseMs: Math.round((e.GATEWAY_FEED_LEASE_SECONDS ?? 3 * e.GATEWAY_FEED_INTERVAL_SECONDS) * 1000),
      maxSubscriptionsPerCaller: e.GATEWAY_MAX_SUBSCRIPTIONS_PER_CALLER,
    },
    cursorSecret: e.GATEWAY_CURSOR_SECRET ?? randomBytes(32).toString('hex'),
    batchWaitMs: e.GATEWAY_BATCH_WAIT_MS,
    introspection: (e.GATEWAY_INTROSPECTION ?? (defaultOn ? 'on' : 'off')) === 'on',
    graphiql: (e.GATEWAY_GRAPHIQL ?? (defaultOn ? 'on' : 'off')) === 'on',
    shutdownTimeoutMs: e.GATEWAY_SHUTDOWN_TIMEOUT_MS,
    heapGrowthPercent: e.GATEWAY_HEAP_GROWTH_PERCENT,
    admissionFloor: e.GATEWAY_ADMISSION_FLOOR,
  };
}

/** One upstream's settings: its own `<PREFIX>_<SETTING>` where set, else `UPSTREAM_<SETTING>`, else the default. */
function upstreamHttpSettings(e: Partial<Record<UpstreamHttpVariable, number>>, upstream: UpstreamName | undefined): UpstreamHttpSettings {
  const own = (setting: UpstreamHttpSetting): number | undefined =>
    (upstream ? e[`${UPSTREAM_ENV_PREFIX[upstream]}_${setting}`] : undefined) ?? e[`UPSTREAM_${setting}`];
  const value = (setting: Exclude<UpstreamHttpSetting, 'HEADERS_TIMEOUT_MS' | 'MAX_CONCURRENCY_PER_CALLER'>): number =>
    own(setting) ?? UPSTREAM_HTTP_SETTINGS[setting].fallback;
  const max = value('MAX_CONCURRENCY');
  const perCaller = perCallerConcurrency(max, own('MAX_CONCURRENCY_PER_CALLER'));
  const totalMs = value('TIMEOUT_MS');
  return {
    connectMs: value('CONNECT_TIMEOUT_MS'),
    headersMs: own('HEADERS_TIMEOUT_MS') ?? totalMs,
    totalMs,
    maxAnswerBytes: value('MAX_ANSWER_BYTES'),
    retry: { retries: value('RETRIES'), backoffMs: value('BACKOFF_MS'), backoffMaxMs: value('BACKOFF_MAX_MS'), retryAfterMaxMs: value('RETRY_AFTER_MAX_MS') },
    breaker: { failures: value('BREAKER_FAILURES'), halfOpenMs: value('BREAKER_HALF_OPEN_MS') },
    concurrency: { max, queue: value('MAX_QUEUE'), perCaller },
  };
}

/** One caller's share of an upstream's concurrency: a quarter unless given, and below the whole (at least 1), so another caller always finds room. */
export function perCallerConcurrency(max: number, given: number | undefined): number {
  return Math.max(1, Math.min(given ?? Math.floor(max / 4), max - 1));
}

/** Every setting at its documented default, as when no UPSTREAM_* variable is set. */
export const DEFAULT_UPSTREAM_HTTP_SETTINGS: UpstreamHttpSettings = upstreamHttpSettings({}, undefined);

/** An empty variable (`FOO=`) counts as unset, so its default applies or it is reported missing. */
function blankToUndefined(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]));
}
