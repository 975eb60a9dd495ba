import { createAnswerCache, type AnswerCache } from '../cache/answer-cache.js';
import type { GatewayConfig } from '../config.js';
import type { GatewayLogger } from '../observability/logger.js';
import { configuredSecrets, createRedactor } from '../redaction.js';
import { UpstreamHttp } from './http.js';

/** One HTTP pool, circuit and concurrency bound per upstream, created once per process and shared by every request. */
export interface Upstreams {
  sign: UpstreamHttp;
  cybertrace: UpstreamHttp;
  filesafer: UpstreamHttp;
  apex: UpstreamHttp;
  /** Answers shared across requests (and across instances, with Redis). */
  cache: AnswerCache;
  close(): Promise<void>;
}

/** `logger`: the process's one logger, which also writes the gateway's lines (the cache's failures go there, redacted). */
export function createUpstreams(config: GatewayConfig, logger: GatewayLogger): Upstreams {
  // Upstream text reaches callers only through this redaction (see UpstreamAnswer.quote).
  const redact = createRedactor(configuredSecrets(config));
  const pools = {
    sign: new UpstreamHttp('sign', config.sign.baseUrl, config.upstreamHttp.sign, redact),
    cybertrace: new UpstreamHttp('cybertrace', config.cybertrace.baseUrl, config.upstreamHttp.cybertrace, redact),
    filesafer: new UpstreamHttp('filesafer', config.filesafer.baseUrl, config.upstreamHttp.filesafer, redact),
    apex: new UpstreamHttp('apex', config.apex.baseUrl, config.upstreamHttp.apex, redact),
  };
  const cache = createAnswerCache({
    ...config.cache,
    onError: (error, requestId) => logger.forRequest(requestId).warn(`answer cache unavailable, asking upstreams directly: ${error.message}`),
  });
  return {
    ...pools,
    cache,
    close: async () => {
      await Promise.all([...Object.values(pools).map((pool) => pool.close()), cache.close()]);
    },
  };
}
