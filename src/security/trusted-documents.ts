import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The trusted-documents manifest: what `npm run codegen` writes to
 * schema/generated/persisted-documents.json (client preset, persisted documents), a JSON object
 * of `"sha256:<hex>"` → document text. Every hash is checked against its text when loaded.
 */

export interface TrustedDocuments {
  /** Where the manifest was read from, for messages. */
  source: string;
  /** Document text by its SHA-256 in lower-case hex (no `sha256:` prefix). */
  documents: ReadonlyMap<string, string>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

const manifest = z.record(z.string(), z.string().min(1));

/** The bare hex hash of a document id as clients send it (`sha256:<hex>` or `<hex>`), or null. */
export function documentHash(id: string): string | null {
  const hash = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
  return SHA256_HEX.test(hash) ? hash : null;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Reads and checks a manifest; throws an Error whose message says what is wrong with it. */
export function loadTrustedDocuments(path: string): TrustedDocuments {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`cannot read the manifest at ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not JSON`);
  }
  const parsed = manifest.safeParse(json);
  if (!parsed.success) throw new Error(`${path} must be a JSON object of "sha256:<hash>": "<document>"`);
  const documents = new Map<string, string>();
  for (const [id, document] of Object.entries(parsed.data)) {
    const hash = documentHash(id);
    if (hash === null) throw new Error(`${path}: "${id.slice(0, 80)}" is not a SHA-256 document id`);
    if (sha256Hex(document) !== hash) throw new Error(`${path}: the document of ${id} does not hash to its id`);
    documents.set(hash, document);
  }
  if (documents.size === 0) throw new Error(`${path} holds no document`);
  return { source: path, documents };
}
