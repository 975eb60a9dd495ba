import { z } from 'zod';

/**
 * Every answer an upstream sends, and every value read back from the answer cache, is checked
 * against its zod model through that model compiled (`z.compile`, zod 4.6's own ahead-of-time
 * compiler: https://zod.dev/compile). The compiled model runs generated code with no per-field
 * payload objects, and falls back to zod's runtime parser on any input it does not accept, so an
 * accepted answer parses to the same value and a refused one fails with the same issues.
 * Measured on a 500-row flow page: 2.5–5x faster than the runtime parser, which was a tenth of the
 * flow walk's CPU (bench/README.md, "Fourteenth pass").
 *
 * A model zod cannot compile (an async refinement, a reference cycle) is handed back unchanged and
 * parses as before; `test/unit/compiled-models.test.ts` fails if any upstream model is one.
 */
const compiledModels = new WeakMap<z.ZodType, z.ZodType>();

export function compiled<Model extends z.ZodType>(model: Model): Model {
  let fast = compiledModels.get(model);
  if (fast === undefined) {
    fast = z.compile(model);
    compiledModels.set(model, fast);
  }
  return fast as Model;
}
