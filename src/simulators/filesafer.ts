import { createHmac, timingSafeEqual } from 'node:crypto';
import { DEMO_NCP_CREDENTIALS, MALICIOUS_MD5, MALICIOUS_SHA1 } from './demo-seed.js';
import type { RecordedRequest, SimulatorHandler, SimulatorReply } from './harness.js';

/**
 * NCP File Safer Hash Filter behind the NCP API Gateway. The gateway part checks signature v2
 * on every call (recomputed here with node:crypto, not with the project's signing module, so a
 * shared bug cannot pass) and answers gateway errors `{error: {errorCode, message, details}}`;
 * the product part answers HTTP 200 with a string `returnCode`, non-zero on failure.
 */

export const FILESAFER_BASE_PATH = '/hashfilter/v1';
/** NCP rejects a timestamp more than 5 minutes away from its clock, either way. */
export const NCP_TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;

/** The NCP API Gateway's documented error codes for the cases simulated here. */
export const NCP_GATEWAY_ERRORS = {
  badRequest: { status: 400, errorCode: '100', message: 'Bad Request Exception' },
  authenticationFailed: { status: 401, errorCode: '200', message: 'Authentication Failed' },
  forbidden: { status: 403, errorCode: '230', message: 'Forbidden' },
  notFound: { status: 404, errorCode: '300', message: 'Not Found Exception' },
} as const;

export const FILESAFER_RETURN_CODES = { success: '0', invalidParameter: '140001' } as const;

export type NotificationType = 'MAL' | 'ERR';

export interface ThresholdSetting {
  notificationType: NotificationType;
  /** Minutes: 5 to 30, step 5. */
  referenceTime: number;
  /** Detections: 1 to 1000. */
  thresholdValue: number;
}

export interface FileSaferSimulatorOptions {
  accessKey?: string;
  secretKey?: string;
  /** Required x-ncp-apigw-api-key; `undefined` takes the demo key, `null` requires none. */
  apiKey?: string | null;
  /** Clock in epoch milliseconds. */
  now?: () => number;
}

export interface FileSaferSimulator extends SimulatorHandler {
  /** The current threshold settings, one per notification type. */
  thresholdSettings(): ThresholdSetting[];
}

/** The vendor's own example setting, so the demo starts with something to read. */
export const SEEDED_THRESHOLD_SETTING: ThresholdSetting = { notificationType: 'MAL', referenceTime: 5, thresholdValue: 1 };

const MALWARE_GROUPS = ['Trojan', 'Virus', 'Worm', 'Ransomware'] as const;
const HEX_LENGTH_BY_HASH_TYPE: Record<string, number> = { md5: 32, sha1: 40 };

type GatewayError = keyof typeof NCP_GATEWAY_ERRORS;

function gatewayError(kind: GatewayError, details: string): SimulatorReply {
  const { status, errorCode, message } = NCP_GATEWAY_ERRORS[kind];
  return { status, body: { error: { errorCode, message, details } } };
}

const INVALID_PARAMETER: SimulatorReply = { status: 200, body: { returnCode: FILESAFER_RETURN_CODES.invalidParameter, returnMessage: 'Parameter is invalid' } };
const SUCCESS = { returnCode: FILESAFER_RETURN_CODES.success, returnMessage: 'success' } as const;

/** A header sent once; a repeated header counts as absent (the gateway would not guess). */
function singleHeader(request: RecordedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function isJsonContentType(value: string | undefined): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function parseThresholdSetting(body: unknown): ThresholdSetting | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { notificationType, referenceTime, thresholdValue } = body as Record<string, unknown>;
  if (notificationType !== 'MAL' && notificationType !== 'ERR') return undefined;
  if (!isIntegerIn(referenceTime, 5, 30) || referenceTime % 5 !== 0) return undefined;
  if (!isIntegerIn(thresholdValue, 1, 1000)) return undefined;
  return { notificationType, referenceTime, thresholdValue };
}

export function createFileSaferSimulator(options: FileSaferSimulatorOptions = {}): FileSaferSimulator {
  const accessKey = options.accessKey ?? DEMO_NCP_CREDENTIALS.accessKey;
  const secretKey = options.secretKey ?? DEMO_NCP_CREDENTIALS.secretKey;
  const apiKey = options.apiKey === undefined ? DEMO_NCP_CREDENTIALS.apiKey : options.apiKey;
  const now = options.now ?? Date.now;

  const malwareGroups = new Map<string, string>();
  for (const [index, hash] of [...MALICIOUS_MD5, ...MALICIOUS_SHA1].entries())
    malwareGroups.set(hash.toLowerCase(), MALWARE_GROUPS[index % MALWARE_GROUPS.length] ?? 'Trojan');
  const thresholds = new Map<NotificationType, ThresholdSetting>([[SEEDED_THRESHOLD_SETTING.notificationType, { ...SEEDED_THRESHOLD_SETTING }]]);

  function authenticate(request: RecordedRequest): SimulatorReply | undefined {
    const timestamp = singleHeader(request, 'x-ncp-apigw-timestamp');
    const sentAccessKey = singleHeader(request, 'x-ncp-iam-access-key');
    const signature = singleHeader(request, 'x-ncp-apigw-signature-v2');
    if (!timestamp || !/^\d{1,16}$/.test(timestamp)) return gatewayError('authenticationFailed', 'x-ncp-apigw-timestamp is missing or not epoch milliseconds');
    if (Math.abs(now() - Number(timestamp)) > NCP_TIMESTAMP_TOLERANCE_MS) return gatewayError('authenticationFailed', 'Timestamp is more than 5 minutes off');
    if (!sentAccessKey) return gatewayError('authenticationFailed', 'x-ncp-iam-access-key is missing');
    if (!safeEqual(sentAccessKey, accessKey)) return gatewayError('authenticationFailed', 'Unknown access key');
    if (!signature) return gatewayError('authenticationFailed', 'x-ncp-apigw-signature-v2 is missing');
    // The URI is what arrived on the request line: path plus the raw query, never re-encoded.
    const uri = request.rawQuery === '' ? request.path : `${request.path}?${request.rawQuery}`;
    const expected = createHmac('sha256', secretKey).update(`${request.method} ${uri}\n${timestamp}\n${sentAccessKey}`, 'utf8').digest('base64');
    if (!safeEqual(signature, expected)) return gatewayError('authenticationFailed', 'Signature does not match');
    if (apiKey !== null) {
      const sentApiKey = singleHeader(request, 'x-ncp-apigw-api-key');
      if (!sentApiKey || !safeEqual(sentApiKey, apiKey)) return gatewayError('forbidden', 'x-ncp-apigw-api-key is missing or invalid');
    }
    return undefined;
  }

  function checkHash(query: URLSearchParams): SimulatorReply {
    const hashCodes = query.getAll('hashCode');
    const hashTypes = query.getAll('hashType');
    const [hashCode] = hashCodes;
    const [hashType] = hashTypes;
    if (hashCodes.length !== 1 || hashTypes.length !== 1 || hashCode === undefined || hashType === undefined) return INVALID_PARAMETER;
    const length = HEX_LENGTH_BY_HASH_TYPE[hashType];
    if (length === undefined || hashCode.length !== length || !/^[0-9a-f]+$/i.test(hashCode)) return INVALID_PARAMETER;
    const group = malwareGroups.get(hashCode.toLowerCase());
    const hashCheckResultList = group ? [{ hashType, hashCode, group, result: 'malware' }] : [];
    return { status: 200, body: { ...SUCCESS, totalRows: hashCheckResultList.length, hashCheckResultList } };
  }

  /** POST bodies: JSON objects; the vendor's own curl sends none for get, so empty counts as `{}`. */
  function readJsonObject(request: RecordedRequest): { body: Record<string, unknown> } | { refusal: SimulatorReply } {
    if (request.body.trim() === '') return { body: {} };
    if (!isJsonContentType(singleHeader(request, 'content-type'))) return { refusal: gatewayError('badRequest', 'Content-Type must be application/json') };
    try {
      const parsed: unknown = JSON.parse(request.body);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { body: parsed as Record<string, unknown> };
    } catch {
      // An unparsable body is the product's invalid parameter, as any other bad value.
    }
    return { refusal: INVALID_PARAMETER };
  }

  const routes: Record<string, { method: string; handle: (request: RecordedRequest) => SimulatorReply }> = {
    '/checkHash': { method: 'GET', handle: (request) => checkHash(request.query) },
    '/getThresholdNotiConfig': {
      method: 'POST',
      handle: (request) => {
        const read = readJsonObject(request);
        if ('refusal' in read) return read.refusal;
        return { status: 200, body: { ...SUCCESS, thresholdNotificationInfoList: [...thresholds.values()].map((setting) => ({ ...setting })) } };
      },
    },
    '/setThresholdNotiConfig': {
      method: 'POST',
      handle: (request) => {
        const read = readJsonObject(request);
        if ('refusal' in read) return read.refusal;
        const setting = parseThresholdSetting(read.body);
        if (!setting) return INVALID_PARAMETER;
        thresholds.set(setting.notificationType, setting);
        return { status: 200, body: { ...SUCCESS } };
      },
    },
    '/removeThresholdNotiConfig': {
      method: 'POST',
      handle: (request) => {
        const read = readJsonObject(request);
        if ('refusal' in read) return read.refusal;
        thresholds.clear();
        return { status: 200, body: { ...SUCCESS } };
      },
    },
  };

  const handler: SimulatorHandler = (request) => {
    const route = request.path.startsWith(`${FILESAFER_BASE_PATH}/`) ? routes[request.path.slice(FILESAFER_BASE_PATH.length)] : undefined;
    // The API Gateway knows resources by method and path; anything else is its 404.
    if (!route || route.method !== request.method) return gatewayError('notFound', `No resource ${request.method} ${request.path}`);
    return authenticate(request) ?? route.handle(request);
  };

  return Object.assign(handler, {
    thresholdSettings: () => [...thresholds.values()].map((setting) => ({ ...setting })),
  });
}
