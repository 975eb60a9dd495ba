import { describe, expect, it } from 'vitest';
import { encodeQuery } from '../../src/upstreams/http.js';

/** encodeQuery writes what URLSearchParams writes for the same keys and values, in the same order. */

function viaUrlSearchParams(query: Record<string, string | number | boolean | readonly (string | number)[] | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** A deterministic generator (xorshift), so a failure names its seed and repeats. */
function randomTexts(seed: number, count: number): string[] {
  let state = seed | 0;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  // ASCII (every printable and some controls), Latin-1, Japanese, an astral character, and both halves of a surrogate pair alone.
  const alphabet = [...Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)), 'é', 'ß', '脅', '威', '😀', '\ud83d', '\ude00', '\u2028'];
  return Array.from({ length: count }, () => {
    let text = '';
    const length = Math.floor(next() * 12);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
    return text;
  });
}

describe('encodeQuery', () => {
  it('writes what URLSearchParams writes for 20,000 random keys and values', () => {
    const texts = randomTexts(0x9e3779b9, 20_000);
    for (let i = 0; i < texts.length; i += 2) {
      const query = { [texts[i]!]: texts[i + 1]!, plain: 'x', [`k${i}`]: [texts[i + 1]!, 7] };
      expect(encodeQuery(query)).toBe(viaUrlSearchParams(query));
    }
  });

  it('writes the values SIGN, Apex Central and File Safer are sent as URLSearchParams does', () => {
    const queries = [
      { from: '2026-11-01T00:00:00Z', to: '2026-11-20T00:00:00Z', lineType: 'INT', page: 1, pageSize: 20, kind: 'OTHER' },
      { simId: '440130000096015', severities: ['critical', 'high'], note: 'a b+c&d=e/f?g#h%i', empty: '', skipped: undefined, none: null },
      { url: "https://example.com/a path?q=1&r='x'(y)!~*", bool: true },
    ];
    for (const query of queries) expect(encodeQuery(query)).toBe(viaUrlSearchParams(query));
    expect(encodeQuery({})).toBe('');
    expect(encodeQuery(undefined)).toBe('');
    expect(encodeQuery({ only: undefined })).toBe('');
  });
});
