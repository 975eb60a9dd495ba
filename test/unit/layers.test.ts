import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/, lowest first: a module imports from its own layer and the layers below it,
 * never from one above (type-only imports count: they are dependencies too). The README's
 * contributing section says the same in a few lines; this table is the one that is checked.
 */
const LAYERS = ['foundation', 'upstreams', 'services', 'graph', 'plugins', 'server', 'main'] as const;
type Layer = (typeof LAYERS)[number];

/**
 * Where each module sits. First match wins: single modules and the plugin convention (a yoga
 * plugin is a `use-*.ts` file, wired by server.ts) before whole folders.
 */
const PLACES: [string | RegExp, Layer][] = [
  // Used by every layer: the error constructors, the environment's model, the one redaction, the
  // answer cache, the logger with its request scope, tracing, a request's path, compiled models, HMAC, UTC times as text.
  ['errors.ts', 'foundation'],
  ['hmac-sha256.ts', 'foundation'],
  ['utc-text.ts', 'foundation'],
  ['compiled-model.ts', 'foundation'],
  ['request-path.ts', 'foundation'],
  ['config.ts', 'foundation'],
  ['redaction.ts', 'foundation'],
  ['cache/', 'foundation'],
  ['observability/logger.ts', 'foundation'],
  ['observability/request-scope.ts', 'foundation'],
  ['observability/tracing.ts', 'foundation'],
  // One client per vendor over the one HTTP helper; nothing of GraphQL.
  ['upstreams/', 'upstreams'],
  // What the gateway does with the upstreams and its callers: indicator loaders and their batching,
  // threat feeds, caller identity, tenant access and limits, the upstreams' metrics.
  ['observability/metrics.ts', 'services'],
  [/(^|\/)use-[a-z-]+\.ts$/, 'plugins'],
  ['indicators/', 'services'],
  ['feed/', 'services'],
  ['security/', 'services'],
  // The graph: the per-request context its resolvers get, and the schema modules.
  ['context.ts', 'graph'],
  ['schema/', 'graph'],
  // The yoga server around the graph (its options for every request, GraphiQL and its examples), then the entry point.
  ['server.ts', 'server'],
  ['yoga-request-path.ts', 'server'],
  ['admission-gate.ts', 'server'],
  ['graphiql.ts', 'server'],
  ['example-operations.ts', 'server'],
  // The process: the entry point and the heap policy it sets at start.
  ['heap-growth.ts', 'main'],
  ['main.ts', 'main'],
];

/** The embedded upstreams: apart from the gateway (no import either way), left out of the build. */
const SIMULATORS = 'simulators/';

const srcRoot = fileURLToPath(new URL('../../src/', import.meta.url));
const modules = readdirSync(srcRoot, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.ts'))
  .map((path) => path.split('\\').join('/'))
  .sort();

function layerOf(module: string): Layer | undefined {
  for (const [place, layer] of PLACES) {
    if (typeof place === 'string' ? (place.endsWith('/') ? module.startsWith(place) : module === place) : place.test(module)) return layer;
  }
  return undefined;
}

/** Relative imports of a module's text (static, `export ... from`, and dynamic ones naming a literal), as src/ paths. */
function importsOf(module: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*)'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]!);
  return specifiers.map((specifier) => posix.normalize(posix.join(posix.dirname(module), specifier)).replace(/\.js$/, '.ts'));
}

/** Every import that goes up a layer, or into or out of the simulators, as `module -> imported (from layer -> to layer)`. */
function violations(graph: Record<string, string[]>): string[] {
  const found: string[] = [];
  for (const [module, imported] of Object.entries(graph)) {
    for (const target of imported) {
      if (module.startsWith(SIMULATORS) || target.startsWith(SIMULATORS)) {
        if (module.startsWith(SIMULATORS) !== target.startsWith(SIMULATORS)) found.push(`${module} -> ${target} (the simulators stay apart from the gateway)`);
        continue;
      }
      const from = layerOf(module);
      const to = layerOf(target);
      if (from !== undefined && to !== undefined && LAYERS.indexOf(to) > LAYERS.indexOf(from)) found.push(`${module} -> ${target} (${from} imports ${to})`);
    }
  }
  return found;
}

const graph = Object.fromEntries(modules.map((module) => [module, importsOf(module, readFileSync(`${srcRoot}${module}`, 'utf8'))]));

describe('the layers of src/', () => {
  it('place every module (a new folder or root module is given its layer here)', () => {
    expect(modules.filter((module) => !module.startsWith(SIMULATORS) && layerOf(module) === undefined)).toEqual([]);
  });

  it('read top-down: no module imports from a layer above its own, and the simulators stay apart', () => {
    expect(violations(graph)).toEqual([]);
  });

  it('name what breaks them', () => {
    // The checker itself, on imports that would break the rule (so the test above can fail).
    expect(
      violations({
        'upstreams/http.ts': ['schema/builder.ts', 'observability/request-scope.ts'],
        'security/config.ts': ['schema/paging/connection-args.ts'],
        'context.ts': ['security/use-rate-limit.ts'],
        'main.ts': ['simulators/index.ts'],
        'simulators/harness.ts': ['errors.ts'],
      }),
    ).toEqual([
      'upstreams/http.ts -> schema/builder.ts (upstreams imports graph)',
      'security/config.ts -> schema/paging/connection-args.ts (services imports graph)',
      'context.ts -> security/use-rate-limit.ts (graph imports plugins)',
      'main.ts -> simulators/index.ts (the simulators stay apart from the gateway)',
      'simulators/harness.ts -> errors.ts (the simulators stay apart from the gateway)',
    ]);
    expect(
      importsOf('schema/sign/threats.ts', "import type { X } from '../../context.js';\nexport { y } from './refs.js';\nawait import('../index.js');"),
    ).toEqual(['context.ts', 'schema/sign/refs.ts', 'schema/index.ts']);
  });
});
