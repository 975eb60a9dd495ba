/**
 * The bench's load (bench/load.ts) with one caller per connection: each connection sends every
 * request with its own caller's headers, so the gateway sees as many callers as connections
 * (bench/gateway-settings.ts). Counted over a real loopback server, by operations, not by time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/load.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server answering 200, recording each request's authorization header by the socket it came on. */
async function recordingServer(): Promise<{ url: string; bySocket: Map<unknown, string[]> }> {
  const bySocket = new Map<unknown, string[]>();
  server = createServer((request, response) => {
    const seen = bySocket.get(request.socket) ?? [];
    seen.push(String(request.headers.authorization));
    bySocket.set(request.socket, seen);
    request.resume();
    request.on('end', () => response.end('{}'));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, bySocket };
}

const requests = [
  { method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: '{"query":"{a}"}' },
  { method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: '{"query":"{b}"}' },
];

describe('runLoad with callers', () => {
  it('gives each connection one caller of its own, on every request it sends', async () => {
    const { url, bySocket } = await recordingServer();
    const callers = ['one', 'two', 'three', 'four'].map((name) => ({ authorization: `Bearer ${name}` }));
    const result = await runLoad({ url, requests, connections: 4, stop: { operations: 40, limitSeconds: 20 }, verifyBody: () => true, callers });
    expect(result.completed).toBe(40);
    const perConnection = [...bySocket.values()].map((headers) => [...new Set(headers)]);
    expect(perConnection).toHaveLength(4);
    for (const headers of perConnection) expect(headers).toHaveLength(1);
    expect(perConnection.flat().sort()).toEqual(callers.map((caller) => caller.authorization).sort());
  });

  it('sends the requests as they are without callers', async () => {
    const { url, bySocket } = await recordingServer();
    const result = await runLoad({ url, requests, connections: 2, stop: { operations: 10, limitSeconds: 20 }, verifyBody: () => true });
    expect(result.completed).toBe(10);
    expect(new Set([...bySocket.values()].flat())).toEqual(new Set(['undefined']));
  });
});
