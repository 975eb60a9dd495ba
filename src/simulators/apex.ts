import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { DEMO_APEX_CREDENTIALS, PREBLOCKED_OBJECTS } from './demo-seed.js';
import type { RecordedRequest, SimulatorHandler, SimulatorReply } from './harness.js';

/**
 * Trend Micro Apex Central, User-Defined Suspicious Objects: add (PUT, trailing slash), list (GET)
 * and delete (DELETE). Every request carries a fresh HS256 JWT whose checksum binds it to the
 * method, the lower-cased path and query, and the body; it is verified here with node:crypto
 * directly, not with the project's signing module, so a shared bug cannot pass.
 */

export const APEX_UDSO_PATH = '/WebApp/api/SuspiciousObjects/UserDefinedSO';
/** A token older than this is expired (ErrorCode 18). */
export const APEX_TOKEN_MAX_AGE_SECONDS = 300;
/** How far in the future an `iat` may be, for clock skew, before it counts as invalid time (18). */
export const APEX_TOKEN_CLOCK_SKEW_SECONDS = 60;

/**
 * Meta.ErrorCode values. 18, 19 and 20 are the vendor's; where the vendor publishes none this
 * simulator chose: 2 invalid parameter (HTTP 400), 3 no such API (HTTP 404), and 4 object not
 * found, answered to a DELETE of an object that is not on the list (HTTP 404: Apex Central uses
 * standard HTTP codes, and the gateway must read Meta rather than the status alone; it maps
 * ErrorCode 4 to `removed: false`).
 */
export const APEX_ERROR_CODES = {
  success: '0',
  invalidParameter: '2',
  apiNotFound: '3',
  objectNotFound: '4',
  tokenExpired: '18',
  invalidToken: '19',
  checksumMismatch: '20',
} as const;

export type ApexObjectType = 'ip' | 'url' | 'file_sha1' | 'domain';
/** The list names SHA-1 objects `file`, unlike add and delete. */
export type ApexListedType = 'ip' | 'url' | 'file' | 'domain';
export type ApexScanAction = 'log' | 'block';

export interface ApexSuspiciousObject {
  type: ApexObjectType;
  content: string;
  notes: string;
  scanAction: ApexScanAction;
  /** `YYYY-MM-DDTHH:mm:ssZ`, or null when the object never expires. */
  expirationUtcDate: string | null;
}

export interface ApexSimulatorOptions {
  applicationId?: string;
  apiKey?: string;
  /** Clock in epoch milliseconds. */
  now?: () => number;
}

export interface ApexSimulator extends SimulatorHandler {
  /** The User-Defined Suspicious Object list, in insertion order. */
  objects(): ApexSuspiciousObject[];
}

const OBJECT_TYPES: readonly ApexObjectType[] = ['ip', 'url', 'file_sha1', 'domain'];
const LISTED_TYPE: Record<ApexObjectType, ApexListedType> = { ip: 'ip', url: 'url', file_sha1: 'file', domain: 'domain' };
const MAX_URL_LENGTH = 2047;
const MAX_NOTES_LENGTH = 256;
const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const SHA1 = /^[0-9a-f]{40}$/i;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

type ErrorName = Exclude<keyof typeof APEX_ERROR_CODES, 'success'>;
const STATUS_OF: Record<ErrorName, number> = {
  invalidParameter: 400,
  apiNotFound: 404,
  objectNotFound: 404,
  tokenExpired: 401,
  invalidToken: 401,
  checksumMismatch: 401,
};

function failure(name: ErrorName, message: string): SimulatorReply {
  return { status: STATUS_OF[name], body: { Meta: { Result: '0', ErrorCode: APEX_ERROR_CODES[name], ErrorMsg: message } } };
}

/** The vendor's success envelope: Meta plus the permission, deployment and distribution blocks. */
function success(data?: unknown): SimulatorReply {
  return {
    status: 200,
    body: {
      ...(data === undefined ? {} : { Data: data }),
      Meta: { Result: '1', ErrorCode: APEX_ERROR_CODES.success, ErrorMsg: '' },
      PermissionCtrl: { permission: '255', elements: null },
      FeatureCtrl: { mode: '0' },
      SystemCtrl: { TmcmSoDist_Role: 'none' },
    },
  };
}

function singleHeader(request: RecordedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Characters, not UTF-16 units: the vendor's limits count characters. */
function characterCount(text: string): number {
  return [...text].length;
}

/** Objects are the same when type and content match; SHA-1 and domains regardless of case. */
function objectKey(type: ApexObjectType, content: string): string {
  return `${type}\u0000${type === 'file_sha1' || type === 'domain' ? content.toLowerCase() : content}`;
}

function contentProblem(type: ApexObjectType, content: string): string | undefined {
  switch (type) {
    case 'ip':
      return isIPv4(content) ? undefined : 'content must be an IPv4 address for type ip';
    case 'url':
      if (!/^https?:\/\//i.test(content)) return 'content must start with http:// or https:// for type url';
      return characterCount(content) > MAX_URL_LENGTH ? `url content exceeds ${MAX_URL_LENGTH} characters` : undefined;
    case 'file_sha1':
      return SHA1.test(content) ? undefined : 'content must be a SHA-1 hash of 40 hexadecimal characters for type file_sha1';
    case 'domain':
      return DOMAIN.test(content) ? undefined : 'content must be a domain name for type domain';
  }
}

function isValidUtcDateTime(value: string): boolean {
  return UTC_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().replace('.000Z', 'Z') === value;
}

/** Reads the PUT body's `param`; a string is the reason it is refused. */
function parseAddParam(body: string): ApexSuspiciousObject | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'Request body is not valid JSON';
  }
  const param = typeof parsed === 'object' && parsed !== null ? (parsed as { param?: unknown }).param : undefined;
  if (typeof param !== 'object' || param === null || Array.isArray(param)) return 'Request body must be {"param": {...}}';
  const { type, content, notes, scan_action: scanAction, expiration_utc_date: expiration } = param as Record<string, unknown>;
  if (typeof type !== 'string' || !OBJECT_TYPES.includes(type as ApexObjectType)) return 'type must be one of ip, url, file_sha1, domain';
  if (typeof content !== 'string' || content === '') return 'content is required';
  const problem = contentProblem(type as ApexObjectType, content);
  if (problem) return problem;
  if (scanAction !== 'log' && scanAction !== 'block') return 'scan_action must be log or block';
  if (notes !== undefined && (typeof notes !== 'string' || characterCount(notes) > MAX_NOTES_LENGTH))
    return `notes must be a string of at most ${MAX_NOTES_LENGTH} characters`;
  if (expiration !== undefined && (typeof expiration !== 'string' || !isValidUtcDateTime(expiration)))
    return 'expiration_utc_date must be YYYY-MM-DDTHH:mm:ssZ';
  return { type: type as ApexObjectType, content, notes: notes ?? '', scanAction, expirationUtcDate: expiration ?? null };
}

/** One value per key: a repeated key is as wrong as a bad value. */
function singleQueryValue(query: URLSearchParams, name: string): string | undefined | null {
  const values = query.getAll(name);
  if (values.length > 1) return null;
  return values[0];
}

export function createApexSimulator(options: ApexSimulatorOptions = {}): ApexSimulator {
  const applicationId = options.applicationId ?? DEMO_APEX_CREDENTIALS.applicationId;
  const apiKey = options.apiKey ?? DEMO_APEX_CREDENTIALS.apiKey;
  const now = options.now ?? Date.now;

  const objects = new Map<string, ApexSuspiciousObject>();
  for (const seeded of PREBLOCKED_OBJECTS) {
    objects.set(objectKey(seeded.type, seeded.content), {
      type: seeded.type,
      content: seeded.content,
      notes: seeded.notes,
      scanAction: seeded.scanAction,
      expirationUtcDate: null,
    });
  }

  function verifyToken(request: RecordedRequest): SimulatorReply | undefined {
    const match = singleHeader(request, 'authorization')?.match(/^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/);
    if (!match) return failure('invalidToken', 'Authorization must be Bearer <JWT>');
    const [, headerPart = '', claimsPart = '', signaturePart = ''] = match;
    const header = decodeJsonSegment(headerPart);
    // Only HS256: a token naming another algorithm (or "none") is refused, never trusted.
    if (header?.alg !== 'HS256') return failure('invalidToken', 'Token algorithm must be HS256');
    const expected = createHmac('sha256', apiKey).update(`${headerPart}.${claimsPart}`).digest();
    if (!safeEqual(Buffer.from(signaturePart, 'base64url'), expected)) return failure('invalidToken', 'Invalid token signature');
    const claims = decodeJsonSegment(claimsPart);
    if (claims?.appid !== applicationId) return failure('invalidToken', 'Unknown application ID');
    if (claims.version !== 'V1') return failure('invalidToken', 'Unsupported token version');
    const { iat } = claims;
    const nowSeconds = now() / 1000;
    if (typeof iat !== 'number' || !Number.isFinite(iat)) return failure('invalidToken', 'Token has no iat');
    if (nowSeconds - iat > APEX_TOKEN_MAX_AGE_SECONDS || iat - nowSeconds > APEX_TOKEN_CLOCK_SKEW_SECONDS) return failure('tokenExpired', 'Token expired');
    // The vendor hashes the request line as received, lower-cased, with empty canonical headers.
    const pathAndQuery = request.rawQuery === '' ? request.path : `${request.path}?${request.rawQuery}`;
    const text = `${request.method.toUpperCase()}|${pathAndQuery.toLowerCase()}||${request.body}`;
    const checksum = createHash('sha256').update(text, 'utf8').digest('base64');
    if (claims.checksum !== checksum) return failure('checksumMismatch', 'Checksum does not match the request');
    return undefined;
  }

  function add(request: RecordedRequest): SimulatorReply {
    const contentType = singleHeader(request, 'content-type')?.split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'application/json') return failure('invalidParameter', 'Content-Type must be application/json');
    const object = parseAddParam(request.body);
    if (typeof object === 'string') return failure('invalidParameter', object);
    // Adding an object already on the list updates it in place.
    objects.set(objectKey(object.type, object.content), object);
    return success();
  }

  function list(query: URLSearchParams): SimulatorReply {
    const type = singleQueryValue(query, 'type');
    const contentFilter = singleQueryValue(query, 'contentFilter');
    if (type === null || contentFilter === null) return failure('invalidParameter', 'type and contentFilter may be given once each');
    if (type !== undefined && !Object.values(LISTED_TYPE).includes(type as ApexListedType))
      return failure('invalidParameter', 'type must be one of ip, url, file, domain');
    const needle = contentFilter?.toLowerCase() ?? '';
    const rows = [...objects.values()]
      .filter((object) => (type === undefined || LISTED_TYPE[object.type] === type) && object.content.toLowerCase().includes(needle))
      .map((object) => ({
        type: LISTED_TYPE[object.type],
        content: object.content,
        notes: object.notes,
        scan_action: object.scanAction,
        expiration_utc_date: object.expirationUtcDate,
      }));
    return success(rows);
  }

  function remove(query: URLSearchParams): SimulatorReply {
    const type = singleQueryValue(query, 'type');
    const content = singleQueryValue(query, 'content');
    if (typeof type !== 'string' || !OBJECT_TYPES.includes(type as ApexObjectType))
      return failure('invalidParameter', 'type must be one of ip, url, file_sha1, domain');
    if (typeof content !== 'string' || content === '') return failure('invalidParameter', 'content is required');
    if (!objects.delete(objectKey(type as ApexObjectType, content))) return failure('objectNotFound', 'The suspicious object does not exist');
    return success();
  }

  const handler: SimulatorHandler = (request) => {
    // IIS matches paths regardless of case; the trailing slash is part of the add route only.
    const path = request.path.toLowerCase();
    const base = APEX_UDSO_PATH.toLowerCase();
    const route =
      request.method === 'PUT' && path === `${base}/`
        ? add
        : request.method === 'GET' && path === base
          ? (r: RecordedRequest) => list(r.query)
          : request.method === 'DELETE' && path === base
            ? (r: RecordedRequest) => remove(r.query)
            : undefined;
    if (!route) return failure('apiNotFound', `No API ${request.method} ${request.path}`);
    return verifyToken(request) ?? route(request);
  };

  return Object.assign(handler, {
    objects: () => [...objects.values()].map((object) => ({ ...object })),
  });
}
