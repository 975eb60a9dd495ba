import { createHash, timingSafeEqual } from 'node:crypto';
import { badUserInput } from '../../errors.js';
import { hmacSha256 } from '../../hmac-sha256.js';
import { isoUtcMillis } from '../../utc-text.js';
import { assertRowCount } from './upstream-page.js';

const PAGING_ARGS = new Set(['first', 'last', 'after', 'before']);

/**
 * JSON with every object's keys sorted and its undefined and null members dropped; `skip`: keys of
 * the outermost object left out. Written as loops over sorted keys (no entry arrays, filters or
 * joins): every page computes it for its binding key.
 */
function canonicalJson(value: unknown, skip?: ReadonlySet<string>): string {
  if (value === null || value === undefined) return 'null';
  // toISOString's text, which needs no escaping.
  if (value instanceof Date) return `"${isoUtcMillis(value.getTime())}"`;
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${text}]`;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let text = '{';
    // Sorted by UTF-16 code units, as `<` compares.
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined || member === null || skip?.has(key)) continue;
      text += `${text === '{' ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
    }
    return `${text}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Stable key binding cursors to the arguments that made them: field name + canonical JSON
 * (sorted keys, undefined/null dropped) of the args other than first/last/after/before.
 */
export function cursorBindingKey(field: string, args: Record<string, unknown>): string {
  return `${field}:${canonicalJson(args, PAGING_ARGS)}`;
}

export interface CursorPayload {
  bindingKey: string;
  offset: number;
  pin?: string;
  total?: number;
}

export interface CursorCodec {
  encode(payload: CursorPayload): string;
  decode(cursor: string, bindingKey: string): CursorPayload;
}

/** What a cursor's body holds; the binding key travels as a digest to keep cursors short. */
interface CursorBody {
  v: 1;
  k: string;
  o: number;
  p?: string;
  t?: number;
}

const MAC_BYTES = 16;
/** Our cursors are ~150 characters; refuse to MAC anything absurd. */
const MAX_CURSOR_LENGTH = 2_048;
/** Cursors kept by their body text (~150 characters each, ~300 KB in all); the oldest goes first. */
const MAX_KEPT_CURSORS = 1_024;

function bindingDigest(bindingKey: string): string {
  return createHash('sha256').update(bindingKey).digest().subarray(0, 12).toString('base64url');
}

function cursorPreview(cursor: string): string {
  return cursor.length > 40 ? `${cursor.slice(0, 40)}…` : cursor;
}

function isCursorBody(value: unknown): value is CursorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  const isCount = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  return (
    body.v === 1 &&
    typeof body.k === 'string' &&
    isCount(body.o) &&
    (body.p === undefined || typeof body.p === 'string') &&
    (body.t === undefined || isCount(body.t))
  );
}

/**
 * `JSON.stringify` of the CursorBody `{ v: 1, k, o, p?, t? }`, its members in that order, written
 * out: the digest is base64url and the counts safe integers (assertRowCount), which JSON writes as
 * they are; the pin, a string, goes through JSON.stringify. One object and its serialisation fewer
 * for every endCursor a page answers; test/unit/pagination.test.ts holds it to JSON.stringify.
 */
export function cursorBodyJson(digest: string, offset: number, pin: string | undefined, total: number | undefined): string {
  return `{"v":1,"k":"${digest}","o":${offset}${pin === undefined ? '' : `,"p":${JSON.stringify(pin)}`}${total === undefined ? '' : `,"t":${total}`}}`;
}

/** HMAC-SHA256-signed opaque cursors: base64url(JSON body) "." base64url(MAC of that text). */
export function createCursorCodec(secret: string | Uint8Array): CursorCodec {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (key.length === 0) throw new Error('The cursor secret must not be empty');
  // The MAC covers the encoded text, so any edited character (even a non-canonical base64 one) fails.
  // The key's pads computed once (hmac-sha256.ts): every page signs its endCursor.
  const hmac = hmacSha256(key);
  const mac = (text: string) => hmac(text).subarray(0, MAC_BYTES).toString('base64url');
  // A page encodes many cursors for one binding key; hash it once.
  let lastBinding = { key: '', digest: bindingDigest('') };
  const digestOf = (bindingKey: string) => {
    if (lastBinding.key !== bindingKey) lastBinding = { key: bindingKey, digest: bindingDigest(bindingKey) };
    return lastBinding.digest;
  };

  // A cursor is a function of its body alone: the same page asked again (a console refreshing its
  // window, every caller of a shared dashboard) answers the same endCursor, signed once. Its
  // encoding and MAC were ~5% of a 20-row page's CPU (bench/README.md, "Twenty-fourth pass").
  const kept = new Map<string, string>();

  return {
    encode({ bindingKey, offset, pin, total }) {
      assertRowCount('offset', offset);
      if (total !== undefined) assertRowCount('total', total);
      const body = cursorBodyJson(digestOf(bindingKey), offset, pin, total);
      let cursor = kept.get(body);
      if (cursor === undefined) {
        const text = Buffer.from(body, 'utf8').toString('base64url');
        cursor = `${text}.${mac(text)}`;
        if (kept.size >= MAX_KEPT_CURSORS) kept.delete(kept.keys().next().value!);
        kept.set(body, cursor);
      }
      return cursor;
    },

    decode(cursor, bindingKey) {
      const invalid = () =>
        badUserInput(`The cursor "${cursorPreview(String(cursor))}" is not a valid cursor; use a cursor returned by an earlier page of this connection.`);
      if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH) throw invalid();
      const [text, signature, ...extra] = cursor.split('.');
      if (text === undefined || signature === undefined || extra.length > 0) throw invalid();
      const expected = Buffer.from(mac(text));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
      let body: unknown;
      try {
        body = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      } catch {
        throw invalid();
      }
      if (!isCursorBody(body)) throw invalid();
      if (body.k !== digestOf(bindingKey)) {
        throw badUserInput(
          `The cursor "${cursorPreview(cursor)}" was not issued for these arguments; a cursor only works with the same arguments (other than first, last, after and before) as the page that returned it.`,
        );
      }
      const payload: CursorPayload = { bindingKey, offset: body.o };
      if (body.p !== undefined) payload.pin = body.p;
      if (body.t !== undefined) payload.total = body.t;
      return payload;
    },
  };
}
