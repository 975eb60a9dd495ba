import { Pool, type Dispatcher } from 'undici';
import type { z } from 'zod';
import type { UpstreamTimeouts } from '../config.js';
import { UpstreamError, type UpstreamName } from '../errors.js';

/**
 * The one HTTP helper every upstream client uses: one undici pool per upstream, explicit
 * connect / headers / body timeouts, a total deadline, and failures turned into UpstreamError
 * naming the upstream. It knows nothing of any vendor's paths or auth.
 */

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];
export type QueryParams = Record<string, QueryValue>;

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the upstream's base URL, starting with '/'. */
  path: string;
  query?: QueryParams;
  /** JSON body; sent exactly as serialised once, so signatures can cover it. */
  json?: unknown;
  headers?: Record<string, string>;
  /** Headers computed from the exact request line and body (signatures, checksums). */
  sign?: (sent: { method: string; pathAndQuery: string; body: string }) => Record<string, string>;
}

export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or undefined when the body is empty. */
  body: unknown;
}

/** Several values go out as repeated keys (`a=1&a=2`), in the order given. */
export function encodeQuery(query: QueryParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export class UpstreamHttp {
  readonly name: UpstreamName;
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly timeouts: UpstreamTimeouts;

  constructor(name: UpstreamName, baseUrl: string, timeouts: UpstreamTimeouts) {
    const url = new URL(baseUrl);
    this.name = name;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.timeouts = timeouts;
    this.pool = new Pool(url.origin, {
      connections: 32,
      connect: { timeout: timeouts.connectMs },
      headersTimeout: timeouts.totalMs,
      bodyTimeout: timeouts.totalMs,
    });
  }

  /** Sends one request and parses its JSON answer; any status comes back for the client to judge. */
  async send(request: UpstreamRequest): Promise<UpstreamAnswer> {
    const pathAndQuery = `${this.basePath}${request.path}${encodeQuery(request.query)}`;
    const body = request.json === undefined ? '' : JSON.stringify(request.json);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(request.json === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      ...request.headers,
      ...request.sign?.({ method: request.method, pathAndQuery, body }),
    };
    const deadline = AbortSignal.timeout(this.timeouts.totalMs);
    let answer: Dispatcher.ResponseData;
    let text: string;
    try {
      answer = await this.pool.request({ method: request.method, path: pathAndQuery, headers, body: body === '' ? undefined : body, signal: deadline });
      text = await answer.body.text();
    } catch (error) {
      throw this.transportError(error, deadline);
    }
    return { status: answer.statusCode, headers: answer.headers, body: this.parseJson(text, answer.statusCode) };
  }

  /** Validates an answer against its zod model; a mismatch is the upstream's fault, never a crash or wrong data. */
  parse<T extends z.ZodType>(model: T, body: unknown, what: string): z.output<T> {
    const result = model.safeParse(body);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new UpstreamError(this.name, `answered a malformed ${what}${where}: ${issue?.message ?? 'unexpected shape'}`, { status: 200 });
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private parseJson(text: string, status: number): unknown {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new UpstreamError(this.name, `answered HTTP ${status} with a body that is not JSON`, { status });
    }
  }

  private transportError(error: unknown, deadline: AbortSignal): UpstreamError {
    const code = (error as { code?: string }).code;
    const timedOut = deadline.aborted || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
    if (timedOut) {
      return new UpstreamError(this.name, `did not answer within ${this.timeouts.totalMs} ms`, { code: 'UPSTREAM_TIMEOUT' });
    }
    return new UpstreamError(this.name, `could not be reached (${code ?? 'connection failed'})`);
  }
}
