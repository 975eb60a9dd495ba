import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

/**
 * The benchmark's anchor (bench/mesh.ts): GraphQL Mesh's OpenAPI source over SIGN's threat
 * summaries (bench/sign-openapi.json), composed by `mesh-compose` into a supergraph for Hive
 * Gateway. The SIGN root and token are the bench simulators', given in the environment.
 */

const baseUrl = process.env['SIGN_BASE_URL'];
const token = process.env['SIGN_AUTH_TOKEN'];
if (!baseUrl || !token) throw new Error('mesh.config.ts: SIGN_BASE_URL and SIGN_AUTH_TOKEN must be set (bench/mesh.ts sets them)');

export const composeConfig = defineConfig({
  subgraphs: [
    {
      sourceHandler: loadOpenAPISubgraph('SIGN', {
        source: new URL('./sign-openapi.json', import.meta.url).pathname,
        endpoint: baseUrl,
        operationHeaders: { 'X-Auth-Token': token },
      }),
    },
  ],
});
