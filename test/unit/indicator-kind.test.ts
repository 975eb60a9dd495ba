import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectIndicator, indicatorsOfTarget } from '../../src/indicators/kind.js';
import { splitLookupBodies } from '../../src/upstreams/cybertrace/client.js';

describe('detectIndicator', () => {
  it.each([
    [' 117.219.34.162 ', '117.219.34.162', 'IPV4'],
    ['Login-Verify.Example-Phish.NET', 'login-verify.example-phish.net', 'DOMAIN'],
    ['example.com.', 'example.com', 'DOMAIN'],
    ['HTTPS://Example.COM/Path?Q=1', 'https://example.com/Path?Q=1', 'URL'],
    ['C1153422C5F68E731347F6A33F791598', 'c1153422c5f68e731347f6a33f791598', 'MD5'],
    ['3395856CE81F2B7382DEE72602F798B642F14140', '3395856ce81f2b7382dee72602f798b642f14140', 'SHA1'],
    ['275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F', '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f', 'SHA256'],
    ['999.1.1.1', '999.1.1.1', 'UNKNOWN'],
    ['not an indicator', 'not an indicator', 'UNKNOWN'],
    ['abc123', 'abc123', 'UNKNOWN'],
    ['ftp://example.com/file', 'ftp://example.com/file', 'UNKNOWN'],
    ['c1153422c5f68e731347f6a33f79159', 'c1153422c5f68e731347f6a33f79159', 'UNKNOWN'],
  ])('%j is %s %s', (raw, value, kind) => {
    expect(detectIndicator(raw)).toEqual({ value, kind });
  });

  it('answers a text seen before as it did the first time, whatever came in between, each caller its own object', () => {
    const text = fc.oneof(fc.constantFrom(' 117.219.34.162 ', 'Example.COM.', 'HTTPS://Example.COM/Path', 'C1153422C5F68E731347F6A33F791598'), fc.string());
    fc.assert(
      fc.property(text, fc.array(fc.string(), { maxLength: 50 }), (raw, between) => {
        const first = detectIndicator(raw);
        // A caller's change to its answer (Pothos brands nodes) is not the next caller's.
        (first as { brand?: string }).brand = 'Indicator';
        for (const other of between) detectIndicator(other);
        const again = detectIndicator(raw);
        return again !== first && !('brand' in again) && again.value === first.value && again.kind === first.kind;
      }),
    );
    // Past the bound of kept detections (10,000 texts), still the same answer.
    for (let i = 0; i < 12_000; i += 1) detectIndicator(`host-${i}.example.com`);
    expect(detectIndicator('HTTPS://Example.COM/Path?Q=1')).toEqual({ value: 'https://example.com/Path?Q=1', kind: 'URL' });
    expect(detectIndicator('host-1.example.com')).toEqual({ value: 'host-1.example.com', kind: 'DOMAIN' });
  });

  it('splits an IP pair target into both addresses, and leaves a domain whole', () => {
    expect(indicatorsOfTarget('192.168.11.2/117.219.34.162')).toEqual([
      { value: '192.168.11.2', kind: 'IPV4' },
      { value: '117.219.34.162', kind: 'IPV4' },
    ]);
    expect(indicatorsOfTarget('ccdn.microsoftdocs.workers.dev')).toEqual([{ value: 'ccdn.microsoftdocs.workers.dev', kind: 'DOMAIN' }]);
  });
});

describe('splitLookupBodies', () => {
  it('keeps everything in one body while it fits', () => {
    expect(splitLookupBodies(['a', 'b', 'c'])).toEqual([['a', 'b', 'c']]);
  });

  it('splits exactly at the byte limit, in order', () => {
    // [{"object":"a"},{"object":"b"}] is 31 bytes; each item is 14, the brackets 2, a comma 1.
    expect(splitLookupBodies(['a', 'b', 'c'], 31)).toEqual([['a', 'b'], ['c']]);
    expect(splitLookupBodies(['a', 'b', 'c'], 30)).toEqual([['a'], ['b'], ['c']]);
    const bodies = splitLookupBodies(
      Array.from({ length: 100 }, (_, i) => `host-${i}.example.com`),
      500,
    );
    for (const body of bodies) expect(Buffer.byteLength(JSON.stringify(body.map((object) => ({ object }))))).toBeLessThanOrEqual(500);
    expect(bodies.flat()).toEqual(Array.from({ length: 100 }, (_, i) => `host-${i}.example.com`));
  });

  it('keeps every body within the limit and every object in order, whatever the text (escapes, non-ASCII, lone surrogates)', () => {
    const bytesOf = (body: string[]) => Buffer.byteLength(JSON.stringify(body.map((object) => ({ object }))));
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 12 }),
            fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0001', 'é', '漢', '\ud83d', '\ude00', '😀'), maxLength: 12 }),
          ),
          { maxLength: 30 },
        ),
        fc.integer({ min: 90, max: 3_000 }),
        (objects, maxBytes) => {
          const bodies = splitLookupBodies(objects, maxBytes);
          expect(bodies.flat()).toEqual(objects);
          for (const body of bodies) expect(bytesOf(body)).toBeLessThanOrEqual(maxBytes);
          // One body whenever all of it fits: the bound that spares measuring never splits a body that fits.
          if (objects.length > 0 && bytesOf(objects) <= maxBytes) expect(bodies).toHaveLength(1);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
