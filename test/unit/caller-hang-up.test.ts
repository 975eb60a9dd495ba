import { getEventListeners, once } from 'node:events';
import { createServer, request as httpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CallerHangUp } from '../../src/upstreams/operation-scope.js';

describe('CallerHangUp', () => {
  it('tells every call waiting once, through one listener on the request’s signal however many wait', () => {
    const request = new AbortController();
    const hangUp = new CallerHangUp(request.signal);
    const told: number[] = [];
    const stops = Array.from({ length: 50 }, (_, call) => hangUp.whenHungUp(() => told.push(call)));
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(1);

    stops[7]!(); // a call that ended before the hang-up is not told
    expect(hangUp.happened).toBe(false);
    request.abort();
    expect(hangUp.happened).toBe(true);
    expect(told).toEqual(Array.from({ length: 50 }, (_, call) => call).filter((call) => call !== 7));
    request.signal.dispatchEvent(new Event('abort'));
    expect(told).toHaveLength(49);
  });

  it('adds no listener to a request whose operations call nothing, and keeps one across its operations', () => {
    const request = new AbortController();
    const hangUp = new CallerHangUp(request.signal);
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
    // A subscription's bursts: one operation after another on one request.
    for (let burst = 0; burst < 20; burst++) hangUp.whenHungUp(() => {})();
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(1);
  });

  describe('heard from node’s response (a request through node’s HTTP server)', () => {
    /** One request over loopback whose handler makes a CallerHangUp of its response and hands both to `handle`. */
    async function oneRequest(handle: (hangUp: CallerHangUp, response: ServerResponse) => void, { hangUp }: { hangUp: boolean }) {
      const server = createServer();
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const handled = new Promise<{ hangUp: CallerHangUp; closed: Promise<unknown> }>((resolve) => {
        server.once('request', (_req, response: ServerResponse) => {
          const closed = once(response, 'close');
          const callerHangUp = new CallerHangUp(response);
          handle(callerHangUp, response);
          resolve({ hangUp: callerHangUp, closed });
        });
      });
      const client = httpRequest({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', method: 'POST', path: '/graphql' });
      client.on('error', () => undefined);
      client.end('{}');
      const { hangUp: callerHangUp, closed } = await handled;
      if (hangUp) client.destroy();
      await closed;
      server.close();
      return callerHangUp;
    }

    it('tells the calls waiting when the connection closes before the answer is written', async () => {
      const told: string[] = [];
      const hangUp = await oneRequest(
        (callerHangUp) => {
          expect(callerHangUp.happened).toBe(false);
          callerHangUp.whenHungUp(() => told.push('first'));
          const stop = callerHangUp.whenHungUp(() => told.push('ended before'));
          callerHangUp.whenHungUp(() => told.push('third'));
          stop();
        },
        { hangUp: true },
      );
      expect(told).toEqual(['first', 'third']);
      expect(hangUp.happened).toBe(true);
    });

    it('tells no one when the answer was written, though its response closes after', async () => {
      const told: string[] = [];
      const hangUp = await oneRequest(
        (callerHangUp, response) => {
          callerHangUp.whenHungUp(() => told.push('waiting'));
          response.end('{}');
        },
        { hangUp: false },
      );
      expect(told).toEqual([]);
      expect(hangUp.happened).toBe(false);
    });
  });
});
