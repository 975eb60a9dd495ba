import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { ConfigError, loadConfig, type GatewayConfig } from '../src/config.js';
import { MEMORY_SAMPLE_MS, type ChildMessage, type ParentMessage, type ProfileKind, type TargetKind } from './protocol.js';

/**
 * A load target in its own process, so autocannon does not share its event loop: the gateway
 * exactly as `src/main.ts live` builds it (its config from the environment the bench passes), or
 * the direct baseline. It reports its port and, on request, its memory over IPC, and ends with
 * the bench. Each side loads only its own code, so its memory is its own.
 */

const kind = process.argv[2] as TargetKind;
if ((kind !== 'gateway' && kind !== 'direct' && kind !== 'floor') || process.send === undefined) {
  console.error('usage: started by bench/run.ts as `target.js gateway|direct|floor` with an IPC channel');
  process.exit(2);
}
const send = (message: ChildMessage) => process.send?.(message);

/** A configuration the target cannot run with ends it, naming the problems, as main.ts does. */
function exitOnConfigError(error: unknown): never {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

function parsedOrExit<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    exitOnConfigError(error);
  }
}

const config: GatewayConfig = parsedOrExit(() => loadConfig('live', process.env));

async function serve(): Promise<{ server: Server; close(): Promise<void> }> {
  if (kind === 'gateway') {
    const [{ boundHeapGrowth }, { liveGateway }] = await Promise.all([import('../src/heap-growth.js'), import('./live-gateway.js')]);
    boundHeapGrowth(config.heapGrowthPercent);
    // This build's own src/: the folder above bench/.
    // The gateway's own settings (its security) are read as it is built.
    return liveGateway(fileURLToPath(new URL('..', import.meta.url)), { admission: true }).catch(exitOnConfigError);
  }
  if (kind === 'floor') {
    const { createFloorServer } = await import('./floor.js');
    return createFloorServer(config);
  }
  const { createDirectServer } = await import('./direct.js');
  return createDirectServer(config);
}

const { server, close } = await serve();

let peakHeapUsed = 0;
// The heap alone, from V8: process.memoryUsage() also reads the RSS from /proc, ~0.8% of the
// measured side's CPU at 20 samples a second. The peak RSS comes from the kernel (maxRSS).
const sampleHeap = () => {
  peakHeapUsed = Math.max(peakHeapUsed, getHeapStatistics().used_heap_size);
};
const sampleMemory = () => {
  sampleHeap();
  return process.memoryUsage.rss();
};
setInterval(sampleHeap, MEMORY_SAMPLE_MS).unref();

/** The profiler, attached only when asked (bench/profile.ts): startup is not part of the profile. */
let profiler: { session: Session; kind: ProfileKind } | undefined;

/** Bytes between two samples of the heap profiler: V8's default is 32 KB; a request allocates a few hundred. */
const HEAP_SAMPLING_INTERVAL = 4_096;

async function startProfile(kind: ProfileKind): Promise<void> {
  const session = new Session();
  session.connect();
  if (kind === 'cpu') {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  } else {
    await session.post('HeapProfiler.enable');
    // Objects the young and old collections freed are counted too: what a request allocates, not what survives it.
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: HEAP_SAMPLING_INTERVAL,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    } as { samplingInterval: number });
  }
  profiler = { session, kind };
  send({ type: 'profile-started' });
}

async function stopProfile(path: string): Promise<void> {
  const { session, kind } = profiler!;
  const { profile } = kind === 'cpu' ? await session.post('Profiler.stop') : await session.post('HeapProfiler.stopSampling');
  writeFileSync(path, JSON.stringify(profile));
  session.disconnect();
  profiler = undefined;
  send({ type: 'profile-written', path });
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'start-profile') void startProfile(message.kind);
  else if (message.type === 'stop-profile') void stopProfile(message.path);
  else if (message.type === 'reset-memory') {
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
