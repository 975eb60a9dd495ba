import { UpstreamError } from '../../errors.js';
import { compiled } from '../../compiled-model.js';
import { UPSTREAM_CODE_LENGTH, type UpstreamAnswer, type UpstreamCalls } from '../http.js';
import { lookupAnswer, lookupErrorBody, type LookupItem, type Reputation } from './models.js';

/** Kaspersky CyberTrace indicator lookup: Basic auth, one JSON array of objects per call. */

export const CYBERTRACE_MAX_BODY_BYTES = 67_108_864;

export interface CyberTraceSettings {
  apiVersion: string;
  username: string;
  password: string;
}

/**
 * The most bytes one object can add to a body: `{"object":""}` and its comma, and six bytes for each
 * UTF-16 unit (`\uXXXX`, the longest JSON writes a unit in; UTF-8 takes at most three, a pair four).
 */
const mostBytesOf = (object: string) => 14 + 6 * object.length;

/** Splits objects into lookup bodies of at most `maxBytes` each, in order (exported for its unit test). */
export function splitLookupBodies(objects: readonly string[], maxBytes = CYBERTRACE_MAX_BODY_BYTES): string[][] {
  // Nearly always one body: when even the longest writing of every object fits, none is measured.
  let mostBytes = 2;
  for (const object of objects) mostBytes += mostBytesOf(object);
  if (mostBytes <= maxBytes) return objects.length === 0 ? [] : [[...objects]];
  const batches: string[][] = [];
  let batch: string[] = [];
  let size = 2; // the enclosing []
  for (const object of objects) {
    const itemBytes = Buffer.byteLength(JSON.stringify({ object }));
    const separator = batch.length > 0 ? 1 : 0;
    if (batch.length > 0 && size + separator + itemBytes > maxBytes) {
      batches.push(batch);
      batch = [];
      size = 2;
    }
    size += itemBytes + (batch.length > 0 ? 1 : 0);
    batch.push(object);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Each configuration's `Basic` credentials, encoded once: a client is built for every operation (context.ts), most make no lookup. */
const authorizations = new WeakMap<CyberTraceSettings, string>();

function basicAuthorization(settings: CyberTraceSettings): string {
  let authorization = authorizations.get(settings);
  if (authorization === undefined) {
    authorization = `Basic ${Buffer.from(`${settings.username}:${settings.password}`, 'utf8').toString('base64')}`;
    authorizations.set(settings, authorization);
  }
  return authorization;
}

export class CyberTraceClient {
  constructor(
    private readonly http: UpstreamCalls,
    private readonly settings: CyberTraceSettings,
  ) {}

  /** Looks up distinct values; answers one Reputation per value. */
  async lookup(values: readonly string[]): Promise<Map<string, Reputation>> {
    const results = new Map<string, Reputation>();
    for (const batch of splitLookupBodies([...new Set(values)])) {
      const answer = await this.http.send({
        method: 'POST',
        path: `/api/${this.settings.apiVersion}/lookup`,
        json: batch.map((object) => ({ object })),
        headers: { authorization: basicAuthorization(this.settings) },
        idempotent: true,
      });
      if (answer.status !== 200) throw cyberTraceFailure(answer);
      const items = this.http.parse(lookupAnswer, answer.body, 'lookup answer');
      const byObject = new Map(items.map((item) => [item.object.toLowerCase(), item]));
      batch.forEach((object, index) => {
        // The answer names each object; fall back to its position if CyberTrace re-spelled it.
        const item = byObject.get(object.toLowerCase()) ?? (items.length === batch.length ? items[index] : undefined);
        results.set(object, item ? toReputation(item, answer) : { verdict: 'ERROR', detections: [], errorReason: 'CyberTrace did not answer for this object' });
      });
    }
    return results;
  }
}

/** `answer` quotes the per-object reason: upstream text, redacted and bounded. */
function toReputation(item: LookupItem, answer: UpstreamAnswer): Reputation {
  if (item.result === 'error')
    return { verdict: 'ERROR', detections: [], errorReason: item.reason ? answer.quote(item.reason) : 'CyberTrace reported an error without a reason' };
  const categories = item.categories ?? item.detects ?? [];
  return {
    verdict: item.result === 'detected' ? 'DETECTED' : 'NOT_DETECTED',
    detections: categories.map((category) => ({
      category: category.category,
      matchedIndicator: category.detected_indicator,
      context: Object.entries(category.context ?? {}).map(([name, value]) => ({ name, value })),
    })),
    errorReason: null,
  };
}

const STATUS_MEANING: Record<number, string> = {
  401: 'rejected the credentials',
  403: 'refused access to lookup',
  425: 'is still starting',
  429: 'is busy',
};

function cyberTraceFailure(answer: UpstreamAnswer): UpstreamError {
  const parsed = compiled(lookupErrorBody).safeParse(answer.body);
  const status = parsed.success && parsed.data[0]?.status ? answer.quote(parsed.data[0].status, UPSTREAM_CODE_LENGTH) : undefined;
  const meaning = STATUS_MEANING[answer.status] ?? 'failed';
  return new UpstreamError('cybertrace', `${meaning} (HTTP ${answer.status}${status ? `: ${status}` : ''})`, { status: answer.status });
}
