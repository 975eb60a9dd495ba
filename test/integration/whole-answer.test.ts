import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeadlineEnded } from '../../src/upstreams/deadline.js';
import { AnswerTooLarge, sendAndReadWhole } from '../../src/upstreams/whole-answer.js';
import { useDeadlines } from '../support/deadlines.js';
import { freePort } from '../support/free-port.js';
import { until } from '../support/feed.js';

/**
 * One upstream exchange read whole over real loopback HTTP: the answer's text as undici's
 * `body.text()` gives it, and a deadline that ends the request wherever it is, with the
 * upstream seeing the request dropped or its connection closed. Deadlines are ended by the
 * caller hanging up (no clock: the order is what is observed).
 */

interface Seen {
  path: string;
  closedEarly: boolean;
}

let server: Server;
let pool: Pool;
let seen: Seen[];
let handle: (request: IncomingMessage, response: ServerResponse) => void;

beforeEach(async () => {
  seen = [];
  server = createServer((request, response) => {
    const entry: Seen = { path: request.url ?? '', closedEarly: false };
    seen.push(entry);
    response.on('close', () => {
      entry.closedEarly = !response.writableFinished;
    });
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: 1 });
});

afterEach(async () => {
  await pool.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const deadlineOf = useDeadlines();
/** A size limit no answer here comes near. */
const ROOMY = 1_048_576;

describe('sendAndReadWhole', () => {
  it('answers the status, the headers and the body as text, across chunks, without a byte-order mark', async () => {
    handle = (_request, response) => {
      response.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
      // A character split across two writes: decoded once, whole.
      const text = Buffer.from('\uFEFF{"name":"été"}', 'utf8');
      response.write(text.subarray(0, 13));
      setImmediate(() => response.end(text.subarray(13)));
    };
    const answer = await sendAndReadWhole(pool, { method: 'GET', path: '/one' }, deadlineOf(), ROOMY);
    expect(answer.status).toBe(201);
    expect(answer.text).toBe('{"name":"été"}');
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('sends the method, path, headers and body as given', async () => {
    let received = '';
    handle = (request, response) => {
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (received += chunk));
      request.on('end', () => response.end(JSON.stringify({ method: request.method, token: request.headers['x-token'] })));
    };
    const answer = await sendAndReadWhole(pool, { method: 'POST', path: '/two?x=1', headers: { 'x-token': 't' }, body: '{"a":1}' }, deadlineOf(), ROOMY);
    expect(JSON.parse(answer.text)).toEqual({ method: 'POST', token: 't' });
    expect([seen[0]?.path, received]).toEqual(['/two?x=1', '{"a":1}']);
  });

  it('gives up an answer half read when the deadline ends: rejects at once, the connection is closed', async () => {
    handle = (_request, response) => {
      response.writeHead(200);
      response.write('{"rows": [');
    };
    const caller = new AbortController();
    const deadline = deadlineOf(caller);
    const outcome = sendAndReadWhole(pool, { method: 'GET', path: '/slow' }, deadline, ROOMY).then(
      () => 'answered',
      (error: unknown) => (error instanceof DeadlineEnded ? 'given up' : String(error)),
    );
    await until(() => seen.length === 1, 'the request to arrive');
    caller.abort();
    expect(await outcome).toBe('given up');
    await until(() => seen[0]!.closedEarly, 'the upstream to see its connection closed');
  });

  it('gives up a request still waiting for a connection at once, and never sends it', async () => {
    const held: ServerResponse[] = [];
    handle = (_request, response) => {
      held.push(response);
    };
    const first = sendAndReadWhole(pool, { method: 'GET', path: '/first' }, deadlineOf(), ROOMY);
    await until(() => seen.length === 1, 'the first request to hold the only connection');
    const caller = new AbortController();
    const queued = sendAndReadWhole(pool, { method: 'GET', path: '/queued' }, deadlineOf(caller), ROOMY).then(
      () => 'answered',
      (error: unknown) => (error instanceof DeadlineEnded ? 'given up' : String(error)),
    );
    caller.abort();
    expect(await queued).toBe('given up');

    handle = (_request, response) => response.end('{}');
    held[0]!.end('{}');
    await first;
    // Requests on one connection go in order: had the given-up one been sent, it would come before this one.
    await sendAndReadWhole(pool, { method: 'GET', path: '/after' }, deadlineOf(), ROOMY);
    expect(seen.map((request) => request.path)).toEqual(['/first', '/after']);
  });

  it('sends nothing for a deadline that has already ended', async () => {
    handle = (_request, response) => response.end('{}');
    const caller = new AbortController();
    const deadline = deadlineOf(caller);
    caller.abort();
    await expect(sendAndReadWhole(pool, { method: 'GET', path: '/late' }, deadline, ROOMY)).rejects.toBeInstanceOf(DeadlineEnded);
    await sendAndReadWhole(pool, { method: 'GET', path: '/after' }, deadlineOf(), ROOMY);
    expect(seen.map((request) => request.path)).toEqual(['/after']);
  });

  it('rejects with undici’s error, its code kept, when the upstream cannot be reached', async () => {
    const unreachable = new Pool(`http://127.0.0.1:${await freePort()}`);
    await expect(sendAndReadWhole(unreachable, { method: 'GET', path: '/' }, deadlineOf(), ROOMY)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await unreachable.destroy();
  });

  it('reads an answer of exactly its size limit, and gives up one a byte longer as it arrives: the connection is closed', async () => {
    const text = 'x'.repeat(100);
    handle = (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // No content-length: the limit is found while reading, one chunk at a time.
      response.write(text);
      if (request.url === '/longer') setImmediate(() => response.write('y'));
      else response.end();
    };
    expect((await sendAndReadWhole(pool, { method: 'GET', path: '/exact' }, deadlineOf(), 100)).text).toBe(text);
    const longer = await sendAndReadWhole(pool, { method: 'GET', path: '/longer' }, deadlineOf(), 100).catch((error: unknown) => error);
    expect(longer).toBeInstanceOf(AnswerTooLarge);
    expect(longer).toMatchObject({ status: 200, limit: 100 });
    await until(() => seen[1]?.closedEarly === true, 'the upstream to see its connection closed');
  });

  it('gives up an answer whose content-length is past the limit before reading its body', async () => {
    handle = (_request, response) => {
      response.writeHead(200, { 'content-length': '5000' });
      response.write('{');
    };
    await expect(sendAndReadWhole(pool, { method: 'GET', path: '/announced' }, deadlineOf(), 4096)).rejects.toMatchObject({ limit: 4096 });
    await until(() => seen[0]?.closedEarly === true, 'the upstream to see its connection closed');
  });
});
