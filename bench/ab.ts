import { fork } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoSimulators } from '../src/simulators/index.js';
import { buildTargets } from './build.js';
import { createGatewaySettings } from './gateway-settings.js';
import { runLoad } from './load.js';
import { benchScenarios, type ScenarioId } from './scenarios.js';
import type { ParentMessage, TurnTotals } from './protocol.js';
import { nextMessage, running, waitForHealth } from './target-process.js';

/** Both builds compiled schemas and all: a start takes a few seconds. */
const STARTUP_LIMIT_MS = 60_000;
const REPLY_LIMIT_MS = 5_000;

/**
 * `npm run bench:ab -- --a <build>/bench/target.js --b <build>/bench/target.js`: two gateway builds
 * in ONE process (bench/ab-target.ts), taking turns every 200 ms under one load, each build's CPU
 * per request counted over its own turns. `bench:compare` runs the two in separate processes, whose
 * speeds differ by themselves (±15% a pass); here they share the process, its heap, its JIT and
 * the machine's neighbours, so a change of a few percent shows in one run of 40 s (one build against
 * itself read 0.990–0.994 in 40-s runs, 0.963–1.034 in 20-s ones; bench/README.md, "Eighteenth pass"). A build: a copy of node_modules/.cache/secops-gateway-bench/
 * (see compare.ts), or one compiled from another commit into a folder inside node_modules. What it
 * does not measure: memory (one heap for both), the admission gate (none: one gate over two gateways
 * would measure neither), anything set per process.
 * Options: --scenario a --connections 16 --seconds 40 --turn-ms 200 --runs 1 (each in a fresh process; the geometric mean).
 */
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    scenario: { type: 'string', default: 'a' },
    connections: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '40' },
    'turn-ms': { type: 'string', default: '200' },
    runs: { type: 'string', default: '1' },
  },
});
if (values.a === undefined || values.b === undefined) throw new Error('--a and --b name the two builds (bench/target.js of each)');
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be 1 or more');
/** A build's root: the folder holding its src/ and bench/. */
const rootOf = (targetScript: string) => dirname(dirname(resolve(targetScript)));

const settings = await createGatewaySettings({ withCache: false, tokenValidForSeconds: 600 });
const scenario = benchScenarios(settings.callers).find((candidate) => candidate.id === (values.scenario as ScenarioId))!;
// The process that takes both builds is this tree's own.
const abTarget = resolve(dirname(await buildTargets()), 'ab-target.js');
const simulators = await startDemoSimulators({ largeTenant: true });
const connections = Number(values.connections);

async function measure(): Promise<Record<'a' | 'b', TurnTotals>> {
  const child = fork(abTarget, [], {
    execArgv: [],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      ...simulators.environment,
      ...settings.environment,
      AB_ROOT_A: rootOf(values.a!),
      AB_ROOT_B: rootOf(values.b!),
      AB_TURN_MS: values['turn-ms'],
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  running.add(child);
  const send = (message: ParentMessage) => child.send(message);
  try {
    const url = `http://127.0.0.1:${(await nextMessage(child, 'listening', STARTUP_LIMIT_MS, 'bench/ab-target.js start')).port}`;
    await waitForHealth(url, child);
    // Each side answers the sample alike: the scenario's own check of the answer, on whichever side has the turn.
    const load = await scenario.prepare('gateway', url);
    await runLoad({ url, connections, stop: { seconds: 10 }, ...load });
    send({ type: 'reset-turns' });
    const result = await runLoad({ url, connections, stop: { seconds: Number(values.seconds) }, ...load });
    if (result.failed > 0) throw new Error(`${result.failed} of ${result.sent} requests failed`);
    const turns = nextMessage(child, 'turns', REPLY_LIMIT_MS, 'bench/ab-target.js totals');
    send({ type: 'read-turns' });
    return (await turns).totals;
  } finally {
    child.kill('SIGKILL');
    running.delete(child);
  }
}

const perRequest = (side: TurnTotals) => side.cpuMicros / side.answered;
const rate = (side: TurnTotals) => (side.answered / side.ms) * 1000;
try {
  const product = { cpu: 1, rate: 1 };
  for (let run = 0; run < runs; run++) {
    const { a, b } = await measure();
    product.cpu *= perRequest(b) / perRequest(a);
    product.rate *= rate(b) / rate(a);
    console.log(
      `run ${run + 1}: A ${perRequest(a).toFixed(1)} µs/request ${rate(a).toFixed(0)} req/s, B ${perRequest(b).toFixed(1)} µs/request ${rate(b).toFixed(0)} req/s; B/A CPU per request ${(perRequest(b) / perRequest(a)).toFixed(3)}, req/s ${(rate(b) / rate(a)).toFixed(3)}`,
    );
  }
  const mean = (value: number) => (value ** (1 / runs)).toFixed(3);
  console.log(`B/A over ${runs} run(s) (geometric mean): CPU per request ${mean(product.cpu)}, req/s ${mean(product.rate)}`);
} finally {
  await simulators.close();
}
