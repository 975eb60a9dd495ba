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
  /** When it arrived (epoch ms); set by the server, absent on requests built by hand in tests. */
  receivedAt?: number;
  /** Set by the server when the client closed the connection before the answer was written (it gave up waiting). */
  abandoned?: boolean;
}

export interface SimulatorReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A simulator is a pure function of the request (plus its own state): easy to test, easy to serve. */
export type SimulatorHandler = (request: RecordedRequest) => SimulatorReply | Promise<SimulatorReply>;

/** A misbehaviour to play instead of (or, for latency, before) the simulator's own answer. */
export type SimulatorFault =
  | { kind: 'latency'; ms: number }
  /** Answers (as the simulator would) only once `until` settles: a test orders events, or sees what reaches other upstreams meanwhile, without a clock. */
  | { kind: 'hold'; until: Promise<unknown> }
  /** `body` may be built from the request, e.g. to echo its credentials as a careless upstream or proxy would. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown | ((request: RecordedRequest) => unknown) }
  /** Never answers; the request ends only when the client gives up and closes the socket. */
  | { kind: 'hang' }
  /** Destroys the socket without an answer. */
  | { kind: 'reset' }
  /** HTTP 200 whose JSON body is cut short. */
  | { kind: 'malformed-json' }
  /** `fault` for the first request, the third, the fifth...: an upstream failing half of the time, countably. */
  | { kind: 'every-other'; fault: SimulatorFault; seen?: number };

/** A fault for the next `times` requests, or for every request until `clearFaults` when absent. */
export type InjectedFault = SimulatorFault & { times?: number };

export interface RunningSimulator {
  readonly url: string;
  /** Every request received since start or the last reset, in order, faulted ones included. */
  readonly requests: RecordedRequest[];
  /** Queues a fault: faults apply in the order injected, each to its next `times` requests. */
  inject(fault: InjectedFault): void;
  clearFaults(): void;
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

/** Takes the fault for this request off the queue: the first one, used up after its `times`. */
function nextFault(faults: InjectedFault[]): SimulatorFault | undefined {
  const fault = faults[0];
  if (!fault) return undefined;
  if (fault.times !== undefined) {
    fault.times -= 1;
    if (fault.times <= 0) faults.shift();
  }
  return fault;
}

/** Plays a fault; answers true when the request is dealt with, false to go on to the handler. */
async function playFault(fault: SimulatorFault, request: RecordedRequest, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  switch (fault.kind) {
    case 'latency':
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return res.destroyed;
    case 'hold':
      await fault.until.catch(() => {});
      return res.destroyed;
    case 'status':
      send(res, { status: fault.status, body: typeof fault.body === 'function' ? fault.body(request) : fault.body, headers: fault.headers });
      return true;
    case 'hang':
      return true;
    case 'reset':
      req.socket.destroy();
      return true;
    case 'malformed-json':
      send(res, { status: 200, body: '{"truncated": [1, 2' });
      return true;
    case 'every-other':
      fault.seen = (fault.seen ?? 0) + 1;
      return fault.seen % 2 === 1 ? playFault(fault.fault, request, req, res) : false;
  }
}

/** Serves a simulator over real HTTP on loopback, on a free port unless one is given. */
export async function startSimulator(handler: SimulatorHandler, options: { port?: number; host?: string } = {}): Promise<RunningSimulator> {
  const requests: RecordedRequest[] = [];
  const faults: InjectedFault[] = [];
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
          receivedAt: Date.now(),
        };
        requests.push(request);
        res.once('close', () => {
          if (!res.writableFinished) request.abandoned = true;
        });
        const fault = nextFault(faults);
        if (fault && (await playFault(fault, request, req, res))) return;
        send(res, await handler(request));
      } catch (error) {
        if (!res.headersSent && !res.destroyed) send(res, { status: 500, body: { error: (error as Error).message } });
      }
    })();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    requests,
    inject: (fault) => {
      if (fault.times !== undefined && fault.times <= 0) return;
      faults.push({ ...fault });
    },
    clearFaults: () => {
      faults.length = 0;
    },
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
