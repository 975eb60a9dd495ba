import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDemoSimulators, type DemoSimulators } from '../src/simulators/index.js';
import { buildTargets } from './build.js';
import { composeMeshSupergraph, startMeshGateway, type MeshSupergraph } from './mesh.js';
import { createGatewaySettings } from './gateway-settings.js';
import { round, runLoad, type LoadOptions } from './load.js';
import type { TargetKind } from './protocol.js';
import {
  compare,
  describeMachine,
  emptyReport,
  formatTable,
  MB,
  type BenchResults,
  type BenchSettings,
  type Measurement,
  type ScenarioReport,
  type UpstreamCounts,
} from './report.js';
import { benchScenarios, SCENARIO_IDS, type Scenario, type ScenarioId } from './scenarios.js';
import { startTarget, type LoadTarget } from './target-process.js';

/**
 * `npm run bench`: the simulators in this process (no added latency), each load target (the
 * gateway, the direct baseline, and for (a) Mesh + Hive Gateway and the floor) in a fresh child
 * process per scenario and concurrency, measured in alternating rounds, autocannon from here.
 * Prints the table, writes bench/results.json, exits 1 if any scenario answered errors.
 * Options: --duration 5 --warmup 10 --rounds 5 --connections 1,8,32 (each scenario's own when not given) --scenarios a,b,c,d --out bench/results.json --with-cache
 */

/** How the numbers were taken, kept with them in results.json. */
const methodNotes = (gatewaySettings: string) => [
  'Simulators: the four demo upstreams in the bench process on 127.0.0.1, no added latency; they count every request they receive.',
  'Targets: the gateway (createGateway/serveGateway, configured from the environment as in live mode) and the direct baseline each run compiled to JavaScript on bare node, in their own child process, started fresh for every scenario and concurrency, so none shares an event loop with the load generator. All the sides of one concurrency are started and warmed, then measured --rounds times, taking turns (each round starts with the next side), so a burst from the shared host lands on one round of one side and not on the only run of one side; each side reports its median round by req/s. A side not being warmed or measured is frozen (SIGSTOP), so its timers and idle-time collections (Hive Gateway, with a heap of ~600 MB) cannot run during the round of another side.',
  gatewaySettings,
  'Direct baseline: a bare undici client (pools of 32 connections, as the gateway has) behind the thinnest HTTP endpoint, making the same upstream calls (independent ones concurrently) and returning the parsed answers as one JSON document. Both sides are driven by the same autocannon, over the same loopback hop, so the ratio is what the gateway itself adds (caller authentication, query limits, GraphQL parsing, validation and execution, zod checks of every answer, paging plans, cursors, batching, serialisation).',
  "Load: autocannon, one request in flight per connection, concurrency = connections. A warm-up of --warmup seconds at the same concurrency first; each measured round then sends a fixed number of operations (about --duration seconds at the warm-up's pace, whole request cycles per connection), so no operation is cut off and upstream requests per operation divide exactly (checked in every round). Latency is measured per response to the microsecond (autocannon's own histogram counts whole milliseconds); req/s counts only checked 2xx answers over the round's wall time.",
  'Checks: before any load every request is sent once and its answer checked (HTTP 200, no GraphQL errors, the expected rows); during load any non-2xx answer, any body with GraphQL errors or any connection error fails the scenario.',
  "Memory: peak RSS is the target process's kernel maxRSS over its life (its warm-up and all its rounds); peak heap is sampled every 50 ms during its measured rounds.",
];

interface Options extends BenchSettings {
  scenarios: ScenarioId[];
  out: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '5' },
      // Long enough for V8 to finish optimising the gateway's code: after 2 s every side of (a) ran at
      // a third to a half of its steady rate (the gateway, with the most code, lost most).
      warmup: { type: 'string', default: '10' },
      // Every side measured this many times, in turn: a neighbour's burst on this shared VM lands on one round of one side, and the median round drops it.
      rounds: { type: 'string', default: '5' },
      connections: { type: 'string' },
      scenarios: { type: 'string', default: SCENARIO_IDS.join(',') },
      out: { type: 'string', default: fileURLToPath(new URL('./results.json', import.meta.url)) },
      'with-cache': { type: 'boolean', default: false },
    },
  });
  const seconds = (name: string, text: string, min: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > 60) throw new Error(`--${name} must be a whole number of seconds, ${min} to 60`);
    return value;
  };
  const connections = values.connections?.split(',').map((text) => Number(text.trim()));
  if (connections !== undefined && (connections.length === 0 || connections.some((value) => !Number.isInteger(value) || value < 1 || value > 256))) {
    throw new Error('--connections must list whole numbers 1 to 256, e.g. 1,8,32');
  }
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 9) throw new Error('--rounds must be a whole number 1 to 9');
  const scenarios = [...new Set(values.scenarios.split(',').map((text) => text.trim()))];
  if (scenarios.some((id) => !(SCENARIO_IDS as readonly string[]).includes(id))) throw new Error(`--scenarios must list some of ${SCENARIO_IDS.join(', ')}`);
  return {
    durationSeconds: seconds('duration', values.duration, 1),
    warmupSeconds: seconds('warmup', values.warmup, 1),
    rounds,
    connections,
    scenarios: scenarios as ScenarioId[],
    out: values.out,
    withCache: values['with-cache'],
  };
}

function countUpstreamRequests(simulators: DemoSimulators): UpstreamCounts {
  return {
    sign: simulators.sign.requests.length,
    cybertrace: simulators.cybertrace.requests.length,
    filesafer: simulators.filesafer.requests.length,
    apex: simulators.apex.requests.length,
  };
}

const totalOf = (counts: UpstreamCounts) => counts.sign + counts.cybertrace + counts.filesafer + counts.apex;

/**
 * Calls still on their way (after a warm-up, or a run its time limit stopped) land at the simulators:
 * wait until the counts have not moved for `quietMs`. An operation the warm-up cut off may still be
 * queued in the target for about its own latency before it calls out (a 10,000-row page at 4
 * connections: ~0.7 s), so the quiet period is at least the warm-up's p99.
 */
async function settleUpstreams(simulators: DemoSimulators, quietMs = 150): Promise<UpstreamCounts> {
  const deadline = Date.now() + Math.max(3_000, 4 * quietMs);
  let last = -1;
  while (Date.now() < deadline) {
    const total = totalOf(countUpstreamRequests(simulators));
    if (total === last) break;
    last = total;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
  return countUpstreamRequests(simulators);
}

interface BenchContext {
  targetScript: string;
  simulators: DemoSimulators;
  /** The gateway's GATEWAY_* variables (see gateway-settings.ts). */
  gatewayEnvironment: Record<string, string>;
  /** Composed once per run, for the scenarios measured against Mesh + Hive Gateway. */
  meshSupergraph: MeshSupergraph;
  options: Options;
}

function startLoadTarget(kind: TargetKind, context: BenchContext): Promise<LoadTarget> {
  if (kind === 'mesh') return startMeshGateway(context.meshSupergraph);
  // The floor has no caller authentication to configure: the simulators' variables alone.
  return startTarget(context.targetScript, kind, { ...context.simulators.environment, ...(kind === 'gateway' ? context.gatewayEnvironment : {}) });
}

/** One measured round of a side: all a Measurement holds but memory, which is read once over all rounds. */
type Round = Omit<Measurement, 'memory' | 'roundsRequestsPerSecond'>;

/** A side's load at one concurrency, started and warmed, ready for its measured rounds. */
interface WarmSide {
  kind: TargetKind;
  target: LoadTarget;
  drive: (stop: LoadOptions['stop']) => ReturnType<typeof runLoad>;
  sampleUpstream: number;
  /** Operations in one measured round: about --duration seconds at the warm-up's pace, whole request cycles per connection. */
  operations: number;
  rounds: Round[];
}

/** The middle round by req/s (the lower middle of an even count): its latencies and counts are one run's own, not a mix. */
function medianRound(rounds: readonly Round[]): Round {
  const sorted = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * One concurrency, every side: each in a fresh process, its sample checked and warmed; then
 * --rounds measured runs of each, the sides taking turns (each round starts with the next side), so
 * the sides share the machine's bad moments instead of one side taking them all. Each side reports
 * its median round; its peak memory is over all of its rounds.
 */
async function measureSides(
  scenario: Scenario,
  kinds: readonly TargetKind[],
  connections: number,
  context: BenchContext,
): Promise<Map<TargetKind, Measurement>> {
  const { simulators, options } = context;
  // Every process started is stopped, whether or not its side got as far as its rounds.
  const started: LoadTarget[] = [];
  try {
    const sides: WarmSide[] = [];
    for (const kind of kinds) {
      console.error(`bench: ${scenario.title}, concurrency ${connections}: ${SIDE_NAMES[kind]}, warm-up`);
      const target = await startLoadTarget(kind, context);
      started.push(target);
      simulators.reset();
      const load = await scenario.prepare(kind, target.url);
      const sampleUpstream = totalOf(countUpstreamRequests(simulators)) / load.requests.length;
      const drive = (stop: LoadOptions['stop']) => runLoad({ url: target.url, connections, stop, ...load });
      const warmup = await drive({ seconds: options.warmupSeconds });
      if (warmup.failed > 0) throw new Error(`${SIDE_NAMES[kind]}: ${warmup.failed} of ${warmup.sent} requests failed during the warm-up`);
      await settleUpstreams(simulators, Math.max(150, Math.ceil(warmup.latencyMs.p99)));
      const cycles = Math.max(1, Math.round((warmup.requestsPerSecond * options.durationSeconds) / connections / load.requests.length));
      target.resetMemory();
      // Frozen until its rounds: the next sides' warm-ups and rounds run without it.
      target.freeze();
      sides.push({ kind, target, drive, sampleUpstream, operations: cycles * load.requests.length * connections, rounds: [] });
    }
    for (let turn = 0; turn < options.rounds; turn++) {
      for (const side of [...sides.slice(turn % sides.length), ...sides.slice(0, turn % sides.length)]) {
        simulators.reset();
        await side.target.thaw();
        const result = await side.drive({ operations: side.operations, limitSeconds: options.durationSeconds * 4 });
        const upstreamRequests = await settleUpstreams(simulators);
        side.target.freeze();
        if (result.failed > 0)
          throw new Error(`${SIDE_NAMES[side.kind]}: ${result.failed} of ${result.sent} requests failed (non-2xx, GraphQL errors or connection errors)`);
        console.error(
          `bench:   round ${turn + 1}, ${SIDE_NAMES[side.kind]}: ${result.requestsPerSecond} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms`,
        );
        side.rounds.push({
          target: side.kind,
          ...result,
          upstreamRequests,
          upstreamRequestsPerOperation: round(totalOf(upstreamRequests) / result.sent, 3),
          sampleUpstreamRequestsPerOperation: round(side.sampleUpstream, 3),
        });
      }
    }
    const measured = new Map<TargetKind, Measurement>();
    for (const side of sides) {
      await side.target.thaw();
      const memory = await side.target.readMemory();
      measured.set(side.kind, {
        ...medianRound(side.rounds),
        roundsRequestsPerSecond: side.rounds.map((result) => result.requestsPerSecond),
        memory: { peakRssMb: round(memory.peakRssBytes / MB, 1), peakHeapUsedMb: round(memory.peakHeapUsedBytes / MB, 1) },
      });
    }
    return measured;
  } finally {
    for (const target of started) await target.stop();
  }
}

const SIDE_NAMES: Record<TargetKind, string> = {
  gateway: 'gateway',
  direct: 'direct baseline',
  mesh: 'GraphQL Mesh + Hive Gateway',
  floor: 'the floor (yoga and the call, nothing else)',
};

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const machine = describeMachine();
  // At most four sides (gateway, direct, mesh, floor) per scenario and concurrency; (d) has its own two concurrencies.
  const sides = options.scenarios.length * Math.max(options.connections?.length ?? 3, 3) * 4;
  // Every loop here is bounded; this is the backstop should a child hang all the same.
  const budgetMs = (sides * (options.rounds * (options.durationSeconds + 10) + options.warmupSeconds + 40) + 240) * 1000;
  const gatewaySettings = await createGatewaySettings({ withCache: options.withCache, tokenValidForSeconds: Math.ceil(budgetMs / 1000) });
  const scenarios = benchScenarios(gatewaySettings.callers).filter((scenario) => options.scenarios.includes(scenario.id));
  setTimeout(() => {
    console.error(`bench: still running after ${Math.round(budgetMs / 1000)} s; giving up`);
    process.exit(1);
  }, budgetMs).unref();

  console.error('bench: compiling the gateway and the baseline to JavaScript');
  const targetScript = await buildTargets();
  const simulators = await startDemoSimulators({ largeTenant: true });
  console.error('bench: composing the GraphQL Mesh supergraph (OpenAPI source over SIGN) for Hive Gateway');
  const { SIGN_BASE_URL, SIGN_AUTH_TOKEN } = simulators.environment;
  if (SIGN_BASE_URL === undefined || SIGN_AUTH_TOKEN === undefined) throw new Error('the simulators name no SIGN root or token');
  const meshSupergraph = await composeMeshSupergraph({ SIGN_BASE_URL, SIGN_AUTH_TOKEN });
  const context: BenchContext = { targetScript, simulators, gatewayEnvironment: gatewaySettings.environment, meshSupergraph, options };
  const reports: ScenarioReport[] = [];
  try {
    for (const scenario of scenarios) {
      const report = emptyReport(scenario);
      reports.push(report);
      try {
        for (const connections of scenario.connectionsFixed ? scenario.connections : (options.connections ?? scenario.connections)) {
          const kinds: TargetKind[] = scenario.withMesh ? ['gateway', 'direct', 'mesh', 'floor'] : ['gateway', 'direct'];
          const measured = await measureSides(scenario, kinds, connections, context);
          report.runs.push(compare(connections, measured.get('gateway')!, measured.get('direct')!, measured.get('mesh'), measured.get('floor')));
        }
      } catch (error) {
        report.failure = (error as Error).message;
        console.error(`bench: ${scenario.title} FAILED: ${report.failure}`);
      }
    }
  } finally {
    await simulators.close();
    meshSupergraph.remove();
  }

  const results: BenchResults = {
    date: new Date().toISOString(),
    node: process.version,
    machine,
    settings: {
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      rounds: options.rounds,
      connections: options.connections,
      withCache: options.withCache,
    },
    method: methodNotes(gatewaySettings.description),
    scenarios: reports,
  };
  console.log(formatTable(results));
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  console.error(`bench: results written to ${options.out}`);
  return reports.some((report) => report.failure !== undefined) ? 1 : 0;
}

// Ctrl-C or a kill: exit through process.exit so the children are killed too (see target-process.ts).
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`bench: ${(error as Error).message}`);
  process.exitCode = 1;
}
