import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a simulator saw of one request: tests count and inspect upstream calls with it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The raw query string, without '?' (empty when none). */
  rawQuery: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface SimulatorReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A simulator is a pure function of the request (plus its own state): easy to test, easy to serve. */
export type SimulatorHandler = (request: RecordedRequest) => SimulatorReply | Promise<SimulatorReply>;

export interface RunningSimulator {
  readonly url: string;
  /** Every request received since start or the last reset, in order. */
  readonly requests: RecordedRequest[];
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 70 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: SimulatorReply): void {
  const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}

/** Serves a simulator over real HTTP on loopback, on a free port unless one is given. */
export async function startSimulator(handler: SimulatorHandler, options: { port?: number; host?: string } = {}): Promise<RunningSimulator> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://simulator');
        const request: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          rawQuery: url.search.startsWith('?') ? url.search.slice(1) : '',
          query: url.searchParams,
          headers: req.headers,
          body: await readBody(req),
        };
        requests.push(request);
        send(res, await handler(request));
      } catch (error) {
        if (!res.headersSent) send(res, { status: 500, body: { error: (error as Error).message } });
      }
    })();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    requests,
    reset: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
