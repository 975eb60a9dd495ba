import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types from the gateway's printed schema, not from introspection: live mode keeps introspection
 * off. Each document carries its SHA-256 (`__meta__.hash`), and persisted-documents.json maps the
 * hashes to the texts: what goes into the gateway's trusted-documents manifest.
 */
const config: CodegenConfig = {
  schema: '../../schema/schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' } },
      config: {
        scalars: { DateTime: 'string', Date: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        // NodeNext resolution wants the `.js` suffix on the generated files' own imports.
        emitLegacyCommonJSImports: false,
      },
    },
  },
};

export default config;
