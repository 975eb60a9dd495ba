import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathOf } from '../../src/server.js';

describe('pathOf', () => {
  it("reads the same path as the URL parser for any request URL node's adapter builds", () => {
    // What whatwg-node makes of a request line: scheme, host, optional port, path, optional query (no fragment).
    const requestUrl = fc.webUrl({ withQueryParameters: true, withFragments: false }).filter((url) => new URL(url).href === url);
    fc.assert(fc.property(requestUrl, (url) => pathOf(url) === new URL(url).pathname));
  });

  it('tells the two endpoints apart, whatever the query', () => {
    expect(pathOf('http://127.0.0.1:4000/graphql?query=%7B__typename%7D')).toBe('/graphql');
    expect(pathOf('http://gateway.internal/subgraph')).toBe('/subgraph');
    expect(pathOf('http://gateway.internal/subgraph/?x=/graphql')).toBe('/subgraph/');
  });
});
