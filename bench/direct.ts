import { createServer, type Server } from 'node:http';
import { Pool } from 'undici';
import type { GatewayConfig } from '../src/config.js';
import { createApexToken } from '../src/upstreams/apex/signing.js';
import { FILESAFER_ROUTES } from '../src/upstreams/filesafer/client.js';
import { ncpAuthHeaders } from '../src/upstreams/filesafer/signing.js';
import {
  BENCH_LINE_TYPE,
  BENCH_TENANT_ID,
  FLOW_PAGE_ROWS,
  FLOW_WALK_PAGES,
  FLOW_WINDOW,
  HASH_VALUES,
  INDICATOR_VALUES,
  LARGE_PAGE_ROWS,
  LARGE_TENANT,
  THREAT_PAGE_ROWS,
  THREAT_WINDOW,
} from './workload.js';

/**
 * The direct baseline: the scenarios' upstream calls made with bare undici pools, no GraphQL,
 * behind the thinnest HTTP endpoint that autocannon can drive. It parses each answer (any client
 * would) and sends them back as one JSON document; it validates, reshapes and batches nothing.
 */

/** The routes autocannon drives; each is one operation of a scenario. */
export const DIRECT_ROUTES = {
  threatPage: '/threat-page',
  /** `?apex=1` adds the Apex Central list call (when the graph has `suspiciousObject`), `&filesafer=1` a File Safer checkHash per MD5/SHA-1 value. */
  threatPageWithIndicators: '/threat-page-with-indicators',
  /** `?page=1..FLOW_WALK_PAGES`. */
  flowPage: '/flow-page',
  /** Scenario (d): one page of LARGE_PAGE_ROWS threat summaries of the large tenant. */
  largeThreatPage: '/large-threat-page',
} as const;

/** Apex Central's User-Defined Suspicious Object list (GET). */
const APEX_UDSO_LIST_PATH = '/WebApp/api/SuspiciousObjects/UserDefinedSO';

class UpstreamStatusError extends Error {
  constructor(
    readonly upstream: string,
    readonly status: number,
  ) {
    super(`${upstream} answered HTTP ${status}`);
  }
}

/** Same pool size as the gateway's (src/upstreams/http.ts), so neither side queues more. */
function pool(baseUrl: string): { pool: Pool; basePath: string } {
  const url = new URL(baseUrl);
  return { pool: new Pool(url.origin, { connections: 32 }), basePath: url.pathname.replace(/\/+$/, '') };
}

export interface DirectServer {
  server: Server;
  close(): Promise<void>;
}

export function createDirectServer(config: GatewayConfig): DirectServer {
  const sign = pool(config.sign.baseUrl);
  const cybertrace = pool(config.cybertrace.baseUrl);
  const apex = pool(config.apex.baseUrl);
  const filesafer = pool(config.filesafer.baseUrl);
  const signToken = config.sign.authToken ?? '';
  const cybertraceAuthorization = `Basic ${Buffer.from(`${config.cybertrace.username}:${config.cybertrace.password}`, 'utf8').toString('base64')}`;
  const lookupBody = JSON.stringify(INDICATOR_VALUES.map((object) => ({ object })));

  async function json(upstream: string, answer: Promise<{ statusCode: number; body: { text(): Promise<string> } }>): Promise<unknown> {
    const { statusCode, body } = await answer;
    const text = await body.text();
    if (statusCode < 200 || statusCode >= 300) throw new UpstreamStatusError(upstream, statusCode);
    return JSON.parse(text) as unknown;
  }

  function signGet(route: string, query: Record<string, string>, tenantId = BENCH_TENANT_ID): Promise<unknown> {
    const path = `${sign.basePath}/tenants/${tenantId}/security/${route}?${new URLSearchParams(query).toString()}`;
    return json('sign', sign.pool.request({ method: 'GET', path, headers: { accept: 'application/json', 'x-auth-token': signToken } }));
  }

  const threatPage = () =>
    signGet('threat-summaries', { from: THREAT_WINDOW.from, to: THREAT_WINDOW.to, lineType: BENCH_LINE_TYPE, page: '1', pageSize: String(THREAT_PAGE_ROWS) });

  const largeThreatPage = () =>
    signGet(
      'threat-summaries',
      { from: THREAT_WINDOW.from, to: THREAT_WINDOW.to, lineType: BENCH_LINE_TYPE, page: '1', pageSize: String(LARGE_PAGE_ROWS) },
      LARGE_TENANT,
    );

  const lookup = () =>
    json(
      'cybertrace',
      cybertrace.pool.request({
        method: 'POST',
        path: `${cybertrace.basePath}/api/${config.cybertrace.apiVersion}/lookup`,
        headers: { accept: 'application/json', 'content-type': 'application/json; charset=utf-8', authorization: cybertraceAuthorization },
        body: lookupBody,
      }),
    );

  const suspiciousObjects = () => {
    const pathAndQuery = `${apex.basePath}${APEX_UDSO_LIST_PATH}`;
    // A fresh token per call: its checksum binds it to this request, and it expires.
    const token = createApexToken({
      applicationId: config.apex.applicationId,
      apiKey: config.apex.apiKey,
      method: 'GET',
      pathAndQuery,
      body: '',
      issuedAt: Math.floor(Date.now() / 1000),
    });
    return json('apex', apex.pool.request({ method: 'GET', path: pathAndQuery, headers: { accept: 'application/json', authorization: `Bearer ${token}` } }));
  };

  const hashChecks = () =>
    Promise.all(
      HASH_VALUES.map(({ hashCode, hashType }) => {
        const pathAndQuery = `${filesafer.basePath}${FILESAFER_ROUTES.checkHash.path}?${new URLSearchParams({ hashCode, hashType }).toString()}`;
        // A fresh signature per call: it covers the request line and a timestamp.
        const headers = ncpAuthHeaders({
          method: 'GET',
          uri: pathAndQuery,
          accessKey: config.filesafer.accessKey,
          secretKey: config.filesafer.secretKey,
          apiKey: config.filesafer.apiKey,
        });
        return json('filesafer', filesafer.pool.request({ method: 'GET', path: pathAndQuery, headers: { accept: 'application/json', ...headers } }));
      }),
    );

  const flowPage = (page: number) =>
    signGet('flow-collectors', { from: FLOW_WINDOW.from, to: FLOW_WINDOW.to, lineType: BENCH_LINE_TYPE, page: String(page), pageSize: String(FLOW_PAGE_ROWS) });

  async function answer(url: URL): Promise<unknown> {
    switch (url.pathname) {
      case DIRECT_ROUTES.threatPage:
        return { page: await threatPage() };
      case DIRECT_ROUTES.threatPageWithIndicators: {
        // Independent calls go out together, as a hand-written client would send them.
        const [page, reputations, objects, hashes] = await Promise.all([
          threatPage(),
          lookup(),
          url.searchParams.get('apex') === '1' ? suspiciousObjects() : undefined,
          url.searchParams.get('filesafer') === '1' ? hashChecks() : undefined,
        ]);
        return { page, reputations, suspiciousObjects: objects, hashChecks: hashes };
      }
      case DIRECT_ROUTES.largeThreatPage:
        return { page: await largeThreatPage() };
      case DIRECT_ROUTES.flowPage: {
        const page = Number(url.searchParams.get('page'));
        if (!Number.isInteger(page) || page < 1 || page > FLOW_WALK_PAGES) throw new RangeError(`page must be 1..${FLOW_WALK_PAGES}`);
        return { page: await flowPage(page) };
      }
      default:
        return undefined;
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://direct');
    if (url.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    answer(url).then(
      (body) => {
        if (body === undefined) {
          res.writeHead(404).end();
          return;
        }
        const text = JSON.stringify(body);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
      },
      (error: unknown) => {
        const status = error instanceof UpstreamStatusError ? 502 : 500;
        res.writeHead(status, { 'content-type': 'text/plain' }).end((error as Error).message);
      },
    );
  });

  return {
    server,
    close: async () => {
      await Promise.all([sign.pool.close(), cybertrace.pool.close(), apex.pool.close(), filesafer.pool.close()]);
    },
  };
}
