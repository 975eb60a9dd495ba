import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoSimulators } from '../src/simulators/index.js';
import { buildTargets } from './build.js';
import { createGatewaySettings } from './gateway-settings.js';
import { runLoad } from './load.js';
import { formatHeapSummary, formatProfileSummary, summariseHeapProfile, summariseProfile } from './profile-summary.js';
import type { ProfileKind } from './protocol.js';
import { benchScenarios, SCENARIO_IDS, type ScenarioId } from './scenarios.js';
import { startTarget } from './target-process.js';

/**
 * `npm run bench:profile`: one scenario's load against the gateway (built and configured as the
 * bench runs it) with V8's CPU profiler on during the load only (not startup, not the sample
 * check), then where its CPU went, per area and per function.
 * Options: --scenario a --side gateway|floor|direct --connections 16 --seconds 10 --keep (keeps the .cpuprofile for a flame graph,
 * e.g. in Chrome DevTools or speedscope); --heap profiles where the heap is allocated instead (V8's
 * sampling heap profiler, the objects collections freed included: what feeds the GC), kept as a .heapprofile.
 */

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    scenario: { type: 'string', default: 'a' },
    side: { type: 'string', default: 'gateway' },
    connections: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
    heap: { type: 'boolean', default: false },
    top: { type: 'string', default: '25' },
  },
});
const scenarioId = values.scenario as ScenarioId;
if (!SCENARIO_IDS.includes(scenarioId)) throw new Error(`--scenario must be one of ${SCENARIO_IDS.join(', ')}`);
// The floor (yoga and the call, nothing else) profiled the same way says which costs are yoga's own;
// the direct baseline (the same upstream calls, no GraphQL) which costs every side pays.
const side = values.side as 'gateway' | 'floor' | 'direct';
if (side !== 'gateway' && side !== 'floor' && side !== 'direct') throw new Error('--side must be gateway, floor or direct');
if (side === 'floor' && scenarioId !== 'a') throw new Error('the floor serves scenario (a) only');
const connections = Number(values.connections);
const seconds = Number(values.seconds);
if (!Number.isInteger(connections) || connections < 1 || connections > 256) throw new Error('--connections must be 1 to 256');
if (!Number.isInteger(seconds) || seconds < 1 || seconds > 60) throw new Error('--seconds must be 1 to 60');

const settings = await createGatewaySettings({ withCache: false, tokenValidForSeconds: 600 });
const scenario = benchScenarios(settings.callers).find((candidate) => candidate.id === scenarioId)!;
console.error('profile: compiling the gateway');
const targetScript = await buildTargets();
const simulators = await startDemoSimulators({ largeTenant: true });
const profileDir = mkdtempSync(join(tmpdir(), 'gateway-profile-'));
try {
  const target = await startTarget(targetScript, side, { ...simulators.environment, ...settings.environment });
  const kind: ProfileKind = values.heap ? 'heap' : 'cpu';
  const extension = kind === 'cpu' ? 'cpuprofile' : 'heapprofile';
  const file = join(profileDir, `${side}.${extension}`);
  let operations = 0;
  try {
    const load = await scenario.prepare(side, target.url);
    // A warm-up first, as long as the bench's, so the profile is of the steady state (V8's optimising done, pools open).
    await runLoad({ url: target.url, connections, stop: { seconds: 10 }, ...load });
    console.error(`profile: ${scenario.title}, ${connections} connections, ${seconds} s`);
    await target.startProfile(kind);
    const result = await runLoad({ url: target.url, connections, stop: { seconds }, ...load });
    await target.stopProfile(file);
    if (result.failed > 0) throw new Error(`${result.failed} of ${result.sent} requests failed: the profile would not be of the real work`);
    operations = result.completed;
    console.error(`profile: ${result.requestsPerSecond} req/s, p50 ${result.latencyMs.p50} ms`);
  } finally {
    await target.stop();
  }
  console.log(
    kind === 'cpu'
      ? formatProfileSummary(summariseProfile(file, Number(values.top)), operations)
      : formatHeapSummary(summariseHeapProfile(file, Number(values.top)), operations),
  );
  if (values.keep) {
    const kept = join(process.cwd(), `${side}-${scenarioId}.${extension}`);
    copyFileSync(file, kept);
    console.error(`profile: kept ${kept}`);
  }
} finally {
  await simulators.close();
  rmSync(profileDir, { recursive: true, force: true });
}
