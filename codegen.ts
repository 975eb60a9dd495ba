import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents (client preset) for the operations kept in schema/operations: the tests and
 * any internal app use them, so a schema change that breaks an operation fails type-checking.
 * Regenerate with `npm run codegen`; CI fails when the output drifts.
 *
 * Persisted documents: each typed document carries its hash (`__meta__.hash`, "sha256:<hex>"), and
 * `schema/generated/persisted-documents.json` maps every hash to its text: the manifest the gateway
 * runs alone when GATEWAY_TRUSTED_DOCUMENTS points at it. The documents stay whole, so they can
 * still be printed and sent as text where trusted documents are off.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['schema/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'schema/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' } },
      config: {
        scalars: { DateTime: 'string', Date: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
      },
    },
  },
};

export default config;
