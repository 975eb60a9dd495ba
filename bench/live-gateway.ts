import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The gateway as `src/main.ts live` builds it from the environment (its security settings, its one
 * redacting logger on stdout, its upstream pools), from the compiled `src/` of the build at `root`:
 * the bench's own target (target.ts) and each of bench:ab's two builds (ab-target.ts) alike. With
 * `admission`, behind the admission gate of its settings, as main.ts serves it. Each build reads the
 * environment with its own config model; the process's heap policy is the caller's to set.
 */
export async function liveGateway(root: string, { admission }: { admission: boolean }): Promise<{ server: Server; close(): Promise<void> }> {
  // One URL per module whatever the root's spelling: a module imported under two URLs would be two modules.
  const load = (path: string) => import(pathToFileURL(resolve(root, 'src', path)).href);
  const [
    { loadConfig },
    { createGateway, serveGateway },
    { createUpstreams },
    { createGatewayLogger },
    { configuredSecrets },
    { loadSecurityConfig },
    { admissionGateFor },
  ] = await Promise.all([
    load('config.js'),
    load('server.js'),
    load('upstreams/index.js'),
    load('observability/logger.js'),
    load('redaction.js'),
    load('security/config.js'),
    load('admission-gate.js'),
  ]);
  const config = loadConfig('live', process.env);
  const security = loadSecurityConfig('live', process.env);
  const logger = createGatewayLogger({ secrets: [...security.secrets, ...configuredSecrets(config)] });
  const upstreams = createUpstreams(config, logger);
  const gate = admission ? admissionGateFor(config.admissionFloor) : undefined;
  return { server: serveGateway(createGateway({ config, security, upstreams, logger, admission: gate }), { admission: gate }), close: () => upstreams.close() };
}
