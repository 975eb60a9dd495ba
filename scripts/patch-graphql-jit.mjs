// graphql-jit 0.8.9 compiles each leaf of an answer (a String, an Int, a DateTime) to one call
// whose arguments include the field's error locations and response path as array literals, built
// for every leaf of every row although only an error reads them: ~1 KB per row of a flow page,
// a fifth of what a 500-row page allocates (bench/README.md, "Thirteenth pass"). This edits the
// two lines that write that call so the value is tested first and the call with the literals is
// made only when the leaf is null or an Error; a value is serialised by the same serializer with
// the same arguments as before. Run by `npm install`/`npm ci` (postinstall); without it the
// gateway answers the same, allocating more. Refuses any other version of graphql-jit: the lines
// are checked before they are changed, and a second run changes nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const VERSION = '0.8.9';
const MARK = '/* leaf literals on error only */';

const require = createRequire(import.meta.url);
let packageDir;
try {
  packageDir = dirname(require.resolve('graphql-jit/package.json'));
} catch {
  // Not installed (a partial install): nothing to change.
  process.exit(0);
}
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
if (version !== VERSION) {
  console.error(`scripts/patch-graphql-jit.mjs: graphql-jit is ${version}, this patch is for ${VERSION}: check its leaf code and update the patch.`);
  process.exit(1);
}

const replacements = [
  [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: graphql-jit's own template source, matched and written as text
    'return `${GLOBAL_RUNTIME_NAME}.checkNonNullLeaf(${GLOBAL_EXECUTION_CONTEXT}, ${sourcePath}, ${dest}, ${nullMsg}, ${locs}, ${path}, ${capStack}, ${serializerRef}, ${errHandler}${extraIndexes})`;',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: graphql-jit's own template source, matched and written as text
    'return `(${sourcePath} == null || ${sourcePath} instanceof Error ? ${GLOBAL_RUNTIME_NAME}.checkNonNullLeaf(${GLOBAL_EXECUTION_CONTEXT}, ${sourcePath}, ${dest}, ${nullMsg}, ${locs}, ${path}, ${capStack}, ${serializerRef}, ${errHandler}${extraIndexes}) : ${serializerRef}(${GLOBAL_EXECUTION_CONTEXT}, ${sourcePath}, ${errHandler}${extraIndexes}))`;',
  ],
  [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: graphql-jit's own template source, matched and written as text
    'return `${GLOBAL_RUNTIME_NAME}.checkNullableLeaf(${GLOBAL_EXECUTION_CONTEXT}, ${sourcePath}, ${dest}, ${locs}, ${path}, ${capStack}, ${serializerRef}, ${errHandler}${extraIndexes})`;',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: graphql-jit's own template source, matched and written as text
    'return `(${sourcePath} == null ? null : ${sourcePath} instanceof Error ? ${GLOBAL_RUNTIME_NAME}.checkNullableLeaf(${GLOBAL_EXECUTION_CONTEXT}, ${sourcePath}, ${dest}, ${locs}, ${path}, ${capStack}, ${serializerRef}, ${errHandler}${extraIndexes}) : ${serializerRef}(${GLOBAL_EXECUTION_CONTEXT}, ${sourcePath}, ${errHandler}${extraIndexes}))`;',
  ],
];

for (const file of ['dist/execution.js', 'dist/execution.mjs']) {
  const path = join(packageDir, file);
  let source = readFileSync(path, 'utf8');
  if (source.includes(MARK)) continue;
  for (const [before, after] of replacements) {
    if (source.split(before).length !== 2) {
      console.error(`scripts/patch-graphql-jit.mjs: ${file} of graphql-jit ${VERSION} does not hold the expected line once: ${before.slice(0, 60)}...`);
      process.exit(1);
    }
    source = source.replace(before, after);
  }
  writeFileSync(path, `${MARK}\n${source}`);
}
