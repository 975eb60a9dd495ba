import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactPathPattern, pathOf } from '../../src/request-path.js';

describe('pathOf', () => {
  it("reads the same path as the URL parser for any request URL node's adapter builds", () => {
    // What whatwg-node makes of a request line: scheme, host, optional port, path, optional query (no fragment).
    const requestUrl = fc.webUrl({ withQueryParameters: true, withFragments: false }).filter((url) => new URL(url).href === url);
    fc.assert(fc.property(requestUrl, (url) => pathOf(url) === new URL(url).pathname));
  });

  it('reads the same path as the URL parser when the request line is not in its normal form', () => {
    // whatwg-node keeps the request line as it came: dot segments, escapes, backslashes, tabs, odd hosts.
    const pieces = ['/', '.', '..', '%2e', '%67', '\\', '\t', '#', '?', ' ', 'graphql', 'subgraph', 'é', '@', ':', '//'];
    const origin = fc.constantFrom('http://127.0.0.1:4000', 'http://gateway.internal', 'https://[::1]:8443', 'http://user@host', 'http://HOST');
    const rawUrl = fc.tuple(origin, fc.array(fc.constantFrom(...pieces), { maxLength: 8 })).map(([start, path]) => `${start}/${path.join('')}`);
    fc.assert(
      fc.property(rawUrl, (url) => {
        if (!URL.canParse(url)) return true;
        return pathOf(url) === new URL(url).pathname;
      }),
      { numRuns: 2_000 },
    );
  });

  it('tells the two endpoints apart, whatever the query, and sees through dot segments', () => {
    expect(pathOf('http://127.0.0.1:4000/graphql?query=%7B__typename%7D')).toBe('/graphql');
    expect(pathOf('http://gateway.internal/subgraph')).toBe('/subgraph');
    expect(pathOf('http://gateway.internal/subgraph/?x=/graphql')).toBe('/subgraph/');
    expect(pathOf('http://gateway.internal/./subgraph')).toBe('/subgraph');
    expect(pathOf('http://gateway.internal/public/..\\subgraph')).toBe('/subgraph');
    expect(pathOf('http://gateway.internal?x=/graphql')).toBe('/');
  });
});

describe('ExactPathPattern', () => {
  it('matches the paths of a choice exactly, from a URL or its text, as URLPattern did', () => {
    const endpoints = new ExactPathPattern({ pathname: '/:endpoint(graphql|subgraph)' });
    expect(endpoints.test(new URL('http://gateway/graphql?query=x'))).toBe(true);
    expect(endpoints.test('http://gateway/./subgraph')).toBe(true);
    for (const path of ['/graphql/', '/v1/graphql', '/graphqls', '/%67raphql', '/']) expect(endpoints.test(`http://gateway${path}`)).toBe(false);
    expect(new ExactPathPattern({ pathname: '/health' }).test('http://gateway/health')).toBe(true);
  });

  it('refuses, when built, a pattern it would not match as URLPattern does', () => {
    for (const pathname of ['/graphql/*', '/:any', '/(graphql|subgraph)', '/items/:id(\\d+)']) {
      expect(() => new ExactPathPattern({ pathname })).toThrow(/a path or a choice of paths/);
    }
  });
});
