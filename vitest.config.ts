import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One graphql instance: Vite would give our sources graphql's ESM build while graphql-yoga, loaded by
  // Node, gets its CommonJS main; two GraphQLError classes make yoga mask every error as INTERNAL_SERVER_ERROR.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
