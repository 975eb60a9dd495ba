import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import SchemaBuilder from '@pothos/core';
import { loadConfig } from '../src/config.js';
import { boundHeapGrowth } from '../src/heap-growth.js';
import { liveGateway } from './live-gateway.js';
import type { ChildMessage, ParentMessage, TurnTotals } from './protocol.js';

/**
 * The process `npm run bench:ab` measures (bench/ab.ts): two gateway builds, each as `src/main.ts
 * live` builds it from the environment (its own upstream pools and logger), served by one HTTP
 * server that hands each request to the build whose turn it is; the turns change every
 * AB_TURN_MS. The CPU the process used during a turn, and the requests that turn received and
 * answered, count for that build. No admission gate: one gate over two gateways would measure
 * neither.
 *
 * Both builds share the process, its heap and its JIT, and the machine's neighbours weigh on both
 * alike within a fraction of a second: this is what makes one run's ratio steadier than two
 * processes' (bench/README.md, "Eighteenth pass").
 */

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
type Side = 'a' | 'b';

const send = (message: ChildMessage) => process.send?.(message);
const roots = { a: process.env.AB_ROOT_A, b: process.env.AB_ROOT_B };
if (roots.a === undefined || roots.b === undefined || process.send === undefined) {
  console.error('usage: started by bench/ab.ts with AB_ROOT_A, AB_ROOT_B and an IPC channel');
  process.exit(2);
}

// The heap's growth bounded as the gateway's process bounds it (one setting of the process, as main.ts sets it).
boundHeapGrowth(loadConfig('live', process.env).heapGrowthPercent);
// Each build's schema modules register the gateway's own Pothos plugin under the same name, in one @pothos/core.
(SchemaBuilder as unknown as { allowPluginReRegistration: boolean }).allowPluginReRegistration = true;
/** One build's gateway, as the bench's target builds it, without the gate; its HTTP server's request handler. */
const handlerOf = async (root: string) => (await liveGateway(root, { admission: false })).server.listeners('request')[0] as Handler;
const handlers: Record<Side, Handler> = { a: await handlerOf(roots.a), b: await handlerOf(roots.b) };

const totals: Record<Side, TurnTotals> = { a: { cpuMicros: 0, answered: 0, ms: 0 }, b: { cpuMicros: 0, answered: 0, ms: 0 } };
let turn: Side = 'a';
let cpuAt = process.cpuUsage();
let timeAt = performance.now();

const server = createServer((request, response) => {
  const side = turn;
  response.once('finish', () => {
    totals[side].answered += 1;
  });
  handlers[side](request, response);
});

setInterval(
  () => {
    const cpu = process.cpuUsage(cpuAt);
    totals[turn].cpuMicros += cpu.user + cpu.system;
    totals[turn].ms += performance.now() - timeAt;
    turn = turn === 'a' ? 'b' : 'a';
    cpuAt = process.cpuUsage();
    timeAt = performance.now();
  },
  Number(process.env.AB_TURN_MS ?? 200),
).unref();

process.on('message', (message: ParentMessage) => {
  if (message.type === 'reset-turns') {
    for (const side of Object.values(totals)) Object.assign(side, { cpuMicros: 0, answered: 0, ms: 0 });
  } else if (message.type === 'read-turns') send({ type: 'turns', totals });
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => send({ type: 'listening', port: (server.address() as AddressInfo).port }));
