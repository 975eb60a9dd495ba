import { ConfigError, loadConfig, type GatewayConfig, type Mode } from './config.js';
import { createGateway, serveGateway } from './server.js';
import { createUpstreams } from './upstreams/index.js';

/**
 * `demo`: every upstream is an embedded simulator on loopback, no variable needed.
 * `live`: real upstreams from the environment; refuses to start naming every problem.
 */
async function main(mode: Mode): Promise<void> {
  let config: GatewayConfig;
  let stopSimulators = async () => {};
  try {
    if (mode === 'demo') {
      // Loaded only in the demo: live mode carries no simulator code paths.
      const { startDemoSimulators } = await import('./simulators/index.js');
      const simulators = await startDemoSimulators();
      stopSimulators = simulators.close;
      config = loadConfig('demo', process.env, simulators.environment);
    } else {
      config = loadConfig('live', process.env);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const upstreams = createUpstreams(config);
  const server = serveGateway(createGateway({ config, upstreams }));
  server.listen(config.port, config.host, () => {
    const where = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
    console.log(mode === 'demo' ? `SecOps gateway demo (embedded simulators) at ${where}/graphql` : `SecOps gateway (live) at ${where}/graphql`);
  });

  const shutdown = () => {
    server.close();
    void Promise.all([upstreams.close(), stopSimulators()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

const mode = process.argv[2] === 'live' ? 'live' : 'demo';
await main(mode);
