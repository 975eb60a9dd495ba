import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { z } from 'zod';
import { untrustedDocument } from '../errors.js';
import { documentHash, type TrustedDocuments } from './trusted-documents.js';

/**
 * Runs only the documents of the manifest codegen writes, named by hash the way the client
 * preset's persisted documents are sent: `documentId: "sha256:<hex>"` or
 * `extensions.persistedQuery.sha256Hash`. Document text is refused, whatever it says, except from a
 * recognised federation router on the subgraph endpoint: its query planner writes the subgraph
 * operations (`_entities`, `_service`) from the client operations it accepted.
 */

/** The request parameter the GraphQL-over-HTTP persisted documents appendix adds. */
export const DOCUMENT_ID_PARAM = 'documentId';

/** The hash as Apollo's persisted queries send it, in `extensions.persistedQuery`. */
const apolloPersistedQuery = z.object({ sha256Hash: z.string() });

export function useTrustedDocuments({ trustedDocuments, viaRouter }: { trustedDocuments: TrustedDocuments; viaRouter: (request: Request) => boolean }): Plugin {
  const { documents } = trustedDocuments;
  return usePersistedOperations({
    allowArbitraryOperations: viaRouter,
    extractPersistedOperationId: (params: GraphQLParams & { documentId?: unknown }) => {
      const persistedQuery = apolloPersistedQuery.safeParse(params.extensions?.['persistedQuery']);
      if (persistedQuery.success) return persistedQuery.data.sha256Hash;
      return typeof params.documentId === 'string' ? params.documentId : null;
    },
    getPersistedOperation: (id) => {
      const hash = documentHash(id);
      return hash === null ? null : (documents.get(hash) ?? null);
    },
    customErrors: {
      persistedQueryOnly: () =>
        untrustedDocument.textSent(
          'This gateway runs trusted documents only: send the document\'s hash (documentId "sha256:<hash>" or extensions.persistedQuery.sha256Hash), not its text.',
        ),
      keyNotFound: () =>
        untrustedDocument.hashMissing('No operation: send a trusted document\'s hash as documentId "sha256:<hash>" or extensions.persistedQuery.sha256Hash.'),
      notFound: () => untrustedDocument.hashUnknown("Unknown document: this hash is not in the gateway's trusted documents."),
    },
  });
}
