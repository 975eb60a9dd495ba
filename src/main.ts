import type { AddressInfo } from 'node:net';
import { admissionGateFor } from './admission-gate.js';
import { ConfigError, loadConfig, type GatewayConfig, type Mode } from './config.js';
import { boundHeapGrowth } from './heap-growth.js';
import { createGatewayLogger } from './observability/logger.js';
import { startTracing } from './observability/tracing.js';
import { configuredSecrets } from './redaction.js';
import { loadSecurityConfig, type SecurityConfig } from './security/config.js';

const USAGE = `Usage: node dist/main.js <mode>

  live   real upstreams from the environment (see the README's tables)
  demo   embedded simulators on loopback, caller authentication off unless a verifier is set
         (from the sources: npm start; the build in dist/ carries no simulators)`;

// Fails closed: no mode, or a misspelt one, never falls back to the demo (whose authentication is off).
const mode = process.argv[2];
if (mode !== 'live' && mode !== 'demo') {
  console.error(mode === undefined ? `No mode given.\n${USAGE}` : `Unknown mode "${mode}".\n${USAGE}`);
  process.exit(2);
}
// Tracing starts before the server and its HTTP clients are loaded, so their modules are instrumented.
const stopTracing = await startTracing(process.env);
const { createGateway, serveGateway } = await import('./server.js');
const { createUpstreams } = await import('./upstreams/index.js');

/** The shape of src/simulators/demo.ts, which main.ts may not name: tsc would follow the name into the build. */
interface DemoModule {
  startDemo(): Promise<{ environment: Record<string, string>; close(): Promise<void> }>;
}

/**
 * The embedded simulators, loaded only in demo mode and only from the sources: they are test
 * plumbing (fault injection included) and the build leaves them out (tsconfig.build.json), so a
 * built gateway asked for the demo says where the demo runs instead.
 */
async function startDemo(): ReturnType<DemoModule['startDemo']> {
  const demoModule = './simulators/demo.js';
  let demo: DemoModule;
  try {
    demo = await import(demoModule);
  } catch (error) {
    const notBuilt = error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND' && error.message.includes('simulators/demo.js');
    if (!notBuilt) throw error;
    console.error('This build has no demo: the simulators are left out of dist/. Run the demo from the sources (npm start), or this build with "live".');
    process.exit(2);
  }
  return demo.startDemo();
}

/**
 * `demo`: every upstream is an embedded simulator on loopback, no variable needed.
 * `live`: real upstreams from the environment; refuses to start naming every problem.
 */
async function main(mode: Mode): Promise<void> {
  let config: GatewayConfig | undefined;
  let security: SecurityConfig | undefined;
  let stopSimulators = async () => {};
  const problems: string[] = [];
  const collect = (load: () => void) => {
    try {
      load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  };
  if (mode === 'demo') {
    const demo = await startDemo();
    stopSimulators = () => demo.close();
    // The demo's feed polls more often than the live default, so new detections show within seconds.
    collect(() => (config = loadConfig('demo', { GATEWAY_FEED_INTERVAL_SECONDS: '5', ...process.env }, demo.environment)));
  } else {
    collect(() => (config = loadConfig('live', process.env)));
  }
  collect(() => (security = loadSecurityConfig(mode, process.env)));
  if (config === undefined || security === undefined) {
    console.error(new ConfigError(problems).message);
    process.exit(1);
  }

  if (security.warnings.length > 0) {
    const rule = '!'.repeat(100);
    console.warn([rule, ...security.warnings.map((warning) => `WARNING: ${warning}`), rule].join('\n'));
  }
  if (mode === 'demo' && !security.authentication.enabled) {
    console.log(
      'Caller authentication is off in the demo: every request may read and change every tenant (set GATEWAY_JWT_SECRET or GATEWAY_JWKS_URL to turn it on).',
    );
  }

  boundHeapGrowth(config.heapGrowthPercent);
  // One redacting logger for the process, built before the upstreams so their failures (the answer cache's) go through it too.
  const logger = createGatewayLogger({ secrets: [...security.secrets, ...configuredSecrets(config)] });
  const upstreams = createUpstreams(config, logger);
  const admission = admissionGateFor(config.admissionFloor);
  const gateway = createGateway({ config, security, upstreams, logger, admission });
  const server = serveGateway(gateway, { admission });
  const listening = config;
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    const where = `http://${listening.host === '0.0.0.0' ? 'localhost' : listening.host}:${port}`;
    console.log(mode === 'demo' ? `SecOps gateway demo (embedded simulators) at ${where}/graphql` : `SecOps gateway (live) at ${where}/graphql`);
  });

  // Graceful stop: no new connections, requests in flight finish (their upstream calls included),
  // cut after shutdownTimeoutMs (below the 10 s a container runtime waits before SIGKILL), then exit 0.
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: not accepting new connections; finishing requests in flight (at most ${listening.shutdownTimeoutMs} ms)`);
    const cut = setTimeout(() => server.closeAllConnections(), listening.shutdownTimeoutMs);
    server.close(() => {
      clearTimeout(cut);
      void Promise.allSettled([gateway.dispose(), upstreams.close(), stopSimulators(), stopTracing?.()]).finally(() => process.exit(0));
    });
    // Keep-alive connections with no request in flight would hold close() open: end them now.
    server.closeIdleConnections();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

await main(mode);
