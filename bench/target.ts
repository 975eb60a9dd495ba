import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '../src/config.js';
import { createGateway, serveGateway } from '../src/server.js';
import { createUpstreams } from '../src/upstreams/index.js';
import { createDirectServer } from './direct.js';
import { MEMORY_SAMPLE_MS, type ChildMessage, type ParentMessage, type TargetKind } from './protocol.js';

/**
 * A load target in its own process, so autocannon does not share its event loop: the gateway
 * exactly as `src/main.ts live` builds it (config from the environment the bench passes), or the
 * direct baseline. It reports its port and, on request, its memory over IPC; it ends with the bench.
 */

const kind = process.argv[2] as TargetKind;
if ((kind !== 'gateway' && kind !== 'direct') || process.send === undefined) {
  console.error('usage: started by bench/run.ts as `target.ts gateway|direct` with an IPC channel');
  process.exit(2);
}
const send = (message: ChildMessage) => process.send?.(message);

let config;
try {
  config = loadConfig('live', process.env);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

let close: () => Promise<void>;
let server;
if (kind === 'gateway') {
  const upstreams = createUpstreams(config);
  server = serveGateway(createGateway({ config, upstreams }));
  close = () => upstreams.close();
} else {
  const direct = createDirectServer(config);
  server = direct.server;
  close = direct.close;
}

let peakHeapUsed = 0;
const sampleMemory = () => {
  const { rss, heapUsed } = process.memoryUsage();
  peakHeapUsed = Math.max(peakHeapUsed, heapUsed);
  return rss;
};
setInterval(sampleMemory, MEMORY_SAMPLE_MS).unref();

process.on('message', (message: ParentMessage) => {
  if (message.type === 'reset-memory') {
    peakHeapUsed = 0;
    sampleMemory();
  } else if (message.type === 'read-memory') {
    const rssBytes = sampleMemory();
    // maxRSS is in kilobytes.
    send({ type: 'memory', peakRssBytes: process.resourceUsage().maxRSS * 1024, peakHeapUsedBytes: peakHeapUsed, rssBytes });
  }
});

// The bench gone (finished, crashed or killed): nothing to serve any more.
process.on('disconnect', () => {
  server.close();
  server.closeAllConnections();
  void close().finally(() => process.exit(0));
});

server.listen(config.port, config.host, () => send({ type: 'listening', port: (server.address() as AddressInfo).port }));
