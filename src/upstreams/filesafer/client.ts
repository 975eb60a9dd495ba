import { UpstreamError } from '../../errors.js';
import { compiled } from '../../compiled-model.js';
import { UPSTREAM_CODE_LENGTH, type QueryParams, type UpstreamAnswer, type UpstreamCalls } from '../http.js';
import {
  checkHashAnswer,
  fileSaferEnvelope,
  ncpGatewayErrorBody,
  thresholdNotiConfigAnswer,
  type FileSaferHashType,
  type HashCheck,
  type ThresholdSetting,
} from './models.js';
import { ncpAuthHeaders } from './signing.js';

/** NCP File Safer Hash Filter: routes, NCP signature v2 and wire formats, nothing of GraphQL. */

export const FILESAFER_ROOT = '/hashfilter/v1';

export const FILESAFER_ROUTES = {
  checkHash: { method: 'GET', path: `${FILESAFER_ROOT}/checkHash` },
  // A POST that changes nothing: repeated after a transient failure like the other reads.
  getThresholdNotiConfig: { method: 'POST', path: `${FILESAFER_ROOT}/getThresholdNotiConfig`, idempotent: true },
  setThresholdNotiConfig: { method: 'POST', path: `${FILESAFER_ROOT}/setThresholdNotiConfig` },
  removeThresholdNotiConfig: { method: 'POST', path: `${FILESAFER_ROOT}/removeThresholdNotiConfig` },
} as const;

type FileSaferOperation = keyof typeof FILESAFER_ROUTES;

/** Hash checks in flight at once for one batch: enough to be quick, few enough not to trip the API Gateway's rate limit. */
export const HASH_CHECK_CONCURRENCY = 4;

export interface FileSaferCredentials {
  accessKey: string;
  secretKey: string;
  /** Sent as x-ncp-apigw-api-key when the product is set up with one. */
  apiKey?: string | undefined;
}

export interface HashQuery {
  /** Lower-case hexadecimal. */
  hashCode: string;
  hashType: FileSaferHashType;
}

export class FileSaferClient {
  constructor(
    private readonly http: UpstreamCalls,
    private readonly credentials: FileSaferCredentials,
    private readonly hashCheckConcurrency = HASH_CHECK_CONCURRENCY,
  ) {}

  /** `GET /checkHash`: an empty match list means the hash is not known as malware. */
  async checkHash(hash: HashQuery): Promise<HashCheck> {
    const body = await this.call('checkHash', { query: { hashCode: hash.hashCode, hashType: hash.hashType } });
    const { hashCheckResultList } = this.http.parse(checkHashAnswer, body, 'checkHash answer');
    const matches = hashCheckResultList.map((item) => ({
      hashType: item.hashType,
      hashCode: item.hashCode,
      group: item.group ?? null,
      result: item.result ?? null,
    }));
    return { malicious: matches.length > 0, matches };
  }

  /** One checkHash call per hash, a bounded number at a time; each hash gets its answer or its own error, in order. */
  checkHashes(hashes: readonly HashQuery[]): Promise<(HashCheck | Error)[]> {
    return mapSettledWithLimit(hashes, this.hashCheckConcurrency, (hash) => this.checkHash(hash));
  }

  /** `POST /getThresholdNotiConfig`: the advanced notification settings, at most one per notification type. */
  async thresholdSettings(): Promise<ThresholdSetting[]> {
    const body = await this.call('getThresholdNotiConfig', { json: {} });
    return this.http.parse(thresholdNotiConfigAnswer, body, 'getThresholdNotiConfig answer').thresholdNotificationInfoList;
  }

  /** `POST /setThresholdNotiConfig`: replaces the setting of that notification type. */
  async setThresholdSetting(setting: ThresholdSetting): Promise<void> {
    const { notificationType, referenceTime, thresholdValue } = setting;
    await this.http.write(() => this.call('setThresholdNotiConfig', { json: { notificationType, referenceTime, thresholdValue } }));
  }

  /** `POST /removeThresholdNotiConfig`: removes every advanced notification setting. */
  async removeThresholdSettings(): Promise<void> {
    await this.http.write(() => this.call('removeThresholdNotiConfig', { json: {} }));
  }

  /** Sends one signed request; answers the body of a success, throws UpstreamError for anything else. */
  private async call(operation: FileSaferOperation, request: { query?: QueryParams; json?: unknown }): Promise<unknown> {
    const route: { method: 'GET' | 'POST'; path: string; idempotent?: boolean } = FILESAFER_ROUTES[operation];
    const { accessKey, secretKey, apiKey } = this.credentials;
    const answer = await this.http.send({
      // Each member named: spreads here are calls into V8's runtime, for each of a batch's checks.
      method: route.method,
      path: route.path,
      idempotent: route.idempotent,
      query: request.query,
      json: request.json,
      // The signature covers the path and query exactly as they go on the wire.
      sign: ({ method, pathAndQuery }) => ncpAuthHeaders({ method, uri: pathAndQuery, accessKey, secretKey, apiKey }),
    });
    if (answer.status !== 200) throw gatewayFailure(answer);
    const { returnCode, returnMessage } = this.http.parse(fileSaferEnvelope, answer.body, `${operation} answer`);
    if (returnCode !== '0') {
      const detail = returnMessage ? `: ${answer.quote(returnMessage)}` : '';
      const code = answer.quote(returnCode, UPSTREAM_CODE_LENGTH);
      throw new UpstreamError('filesafer', `refused the request (returnCode ${code}${detail})`, { status: answer.status, upstreamCode: code });
    }
    return answer.body;
  }
}

const GATEWAY_STATUS_MEANING: Record<number, string> = {
  400: 'refused the request as malformed',
  401: 'rejected the access key or signature',
  403: 'refused access (API key or permission)',
  404: 'does not know this resource',
  429: 'is rate limiting the gateway',
};

/**
 * An NCP API Gateway refusal or any other non-200 answer. Its errorCode and fixed message are
 * kept, redacted and bounded; its `details` are not, since they may quote what was sent.
 */
function gatewayFailure(answer: UpstreamAnswer): UpstreamError {
  const parsed = compiled(ncpGatewayErrorBody).safeParse(answer.body);
  const error = parsed.success ? parsed.data.error : undefined;
  const meaning = GATEWAY_STATUS_MEANING[answer.status] ?? 'failed';
  const errorCode = error?.errorCode ? answer.quote(error.errorCode, UPSTREAM_CODE_LENGTH) : undefined;
  const code = errorCode ? `, NCP error code ${errorCode}` : '';
  const message = error?.message ? `: ${answer.quote(error.message)}` : '';
  return new UpstreamError('filesafer', `${meaning} (HTTP ${answer.status}${code}${message})`, { status: answer.status, upstreamCode: errorCode });
}

/** Runs `work` over every item with at most `limit` in flight; answers each result or its error, in the items' order. */
export async function mapSettledWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<(R | Error)[]> {
  const results = new Array<R | Error>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await work(items[index] as T);
      } catch (error) {
        results[index] = error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
