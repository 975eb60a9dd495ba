import { UpstreamError } from '../../errors.js';
import { compiled } from '../../compiled-model.js';
import { UPSTREAM_CODE_LENGTH, type QueryParams, type UpstreamAnswer, type UpstreamCalls } from '../http.js';
import { formatUtcSeconds } from '../../utc-text.js';
import { apexEnvelope, LISTED_TYPE, listAnswer, type ApexMeta, type ApexObjectType, type ApexScanAction, type ApexSuspiciousObject } from './models.js';
import { createApexToken } from './signing.js';

/** Trend Micro Apex Central, User-Defined Suspicious Objects: routes, per-request JWT and wire formats, nothing of GraphQL. */

const UDSO_PATH = '/WebApp/api/SuspiciousObjects/UserDefinedSO';

export const APEX_ROUTES = {
  list: { method: 'GET', path: UDSO_PATH },
  // The trailing slash is part of the add route only.
  add: { method: 'PUT', path: `${UDSO_PATH}/` },
  remove: { method: 'DELETE', path: UDSO_PATH },
} as const;

type ApexOperation = keyof typeof APEX_ROUTES;

/** Meta.ErrorCode values the gateway acts on. */
export const APEX_ERROR_CODES = {
  /** Answered to a delete of an object that is not on the list: `removed: false`. */
  objectNotFound: '4',
  tokenExpired: '18',
  invalidToken: '19',
  checksumMismatch: '20',
} as const;

/** What a 401 means, by ErrorCode; the token and key are never part of the message. */
const TOKEN_REFUSALS: Record<string, string> = {
  [APEX_ERROR_CODES.tokenExpired]: 'refused the request token as expired (check the gateway clock)',
  [APEX_ERROR_CODES.invalidToken]: 'refused the request token: bad signature (check APEX_APPLICATION_ID and APEX_API_KEY)',
  [APEX_ERROR_CODES.checksumMismatch]: 'refused the request token: bad checksum (the token does not match the request sent)',
};

export interface ApexCredentials {
  applicationId: string;
  apiKey: string;
}

export interface SuspiciousObjectFilter {
  type?: ApexObjectType;
  /** Apex matches it as a part of the content, regardless of case. */
  contentContains?: string;
}

export interface NewSuspiciousObject {
  type: ApexObjectType;
  content: string;
  scanAction: ApexScanAction;
  notes?: string | null;
  expiresAt?: Date | null;
}

export class ApexClient {
  constructor(
    private readonly http: UpstreamCalls,
    private readonly credentials: ApexCredentials,
    /** Epoch milliseconds; each token's `iat`. */
    private readonly now: () => number = Date.now,
  ) {}

  /** `GET ?type=&contentFilter=`: the objects on the list, every one when no filter is given. */
  async list(filter: SuspiciousObjectFilter = {}): Promise<ApexSuspiciousObject[]> {
    const query: QueryParams = { type: filter.type && LISTED_TYPE[filter.type], contentFilter: filter.contentContains || undefined };
    const answer = await this.call('list', { query });
    return this.http.parse(listAnswer, answer.body, 'suspicious object list').Data;
  }

  /** `PUT` with `{"param": {...}}`: adds the object, or updates the one with the same type and content. Answers the object as sent. */
  async add(object: NewSuspiciousObject): Promise<ApexSuspiciousObject> {
    const expiresAt = object.expiresAt ? formatUtcSeconds(object.expiresAt) : undefined;
    const notes = object.notes || undefined;
    // Absent keys stay out of the body: notes and expiry are optional for Apex.
    const param = { type: object.type, content: object.content, notes, scan_action: object.scanAction, expiration_utc_date: expiresAt };
    await this.http.write(() => this.call('add', { json: { param } }));
    return {
      type: object.type,
      content: object.content,
      notes: notes ?? null,
      scanAction: object.scanAction,
      expiresAt: expiresAt ? new Date(expiresAt) : null,
    };
  }

  /** `DELETE ?type=&content=`: false when no such object is on the list. */
  async remove(object: { type: ApexObjectType; content: string }): Promise<boolean> {
    return this.http.write(async () => {
      try {
        await this.call('remove', { query: { type: object.type, content: object.content } });
        return true;
      } catch (error) {
        if (error instanceof ApexRefusal && error.meta.ErrorCode === APEX_ERROR_CODES.objectNotFound) return false;
        throw error;
      }
    });
  }

  /** Sends one request with a fresh token over exactly what is sent; answers a success, throws UpstreamError otherwise. */
  private async call(operation: ApexOperation, request: { query?: QueryParams; json?: unknown }): Promise<UpstreamAnswer> {
    const route = APEX_ROUTES[operation];
    const { applicationId, apiKey } = this.credentials;
    const answer = await this.http.send({
      method: route.method,
      path: route.path,
      query: request.query,
      json: request.json,
      sign: ({ method, pathAndQuery, body }) => ({
        authorization: `Bearer ${createApexToken({ applicationId, apiKey, method, pathAndQuery, body, issuedAt: Math.floor(this.now() / 1000) })}`,
      }),
    });
    const succeeded = answer.status >= 200 && answer.status < 300;
    const envelope = compiled(apexEnvelope).safeParse(answer.body);
    if (!envelope.success) {
      // A success status without Meta is a malformed answer; a failure status without it (a proxy's page) is just a failure.
      if (succeeded) this.http.parse(apexEnvelope, answer.body, `${operation} answer`);
      throw new UpstreamError('apex', `failed (HTTP ${answer.status})`, { status: answer.status });
    }
    const meta = envelope.data.Meta;
    if (succeeded && meta.Result === '1') return answer;
    throw new ApexRefusal(answer, meta);
  }
}

/** Apex answered with Meta.Result other than "1" (or a failure status); the ErrorCode travels as `upstreamCode`. */
class ApexRefusal extends UpstreamError {
  constructor(
    answer: UpstreamAnswer,
    readonly meta: ApexMeta,
  ) {
    const { status } = answer;
    const code = meta.ErrorCode == null ? undefined : answer.quote(meta.ErrorCode, UPSTREAM_CODE_LENGTH);
    const tokenRefusal = status === 401 && code !== undefined ? TOKEN_REFUSALS[code] : undefined;
    // Token refusals get a fixed message; other messages are the vendor's validation text, redacted and bounded.
    const detail = tokenRefusal ? '' : meta.ErrorMsg ? `: ${answer.quote(meta.ErrorMsg)}` : '';
    const message = tokenRefusal ?? 'refused the request';
    super('apex', `${message} (HTTP ${status}, ErrorCode ${code ?? 'none'}${detail})`, { status, upstreamCode: code });
  }
}
