import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents (client preset) for the operations kept in schema/operations: the tests and
 * any internal app use them, so a schema change that breaks an operation fails type-checking.
 * Regenerate with `npm run codegen`; CI fails when the output drifts.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['schema/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'schema/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
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
