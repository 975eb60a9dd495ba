import { hash } from 'node:crypto';

/** SHA-256 reads its input in blocks of 64 bytes; a longer key is hashed first (RFC 2104, section 2). */
const BLOCK_BYTES = 64;
const DIGEST_BYTES = 32;

/**
 * HMAC-SHA256 (RFC 2104) under one key: `H((K ^ opad) || H((K ^ ipad) || message))`, the two
 * padded key blocks computed once, each MAC two one-shot `crypto.hash` calls.
 *
 * Why not `createHmac`: it sets up an OpenSSL MAC context for every MAC (`init` in a profile), and
 * in the gateway under load that set-up cost more than the hashing. The signed endCursor of a
 * 20-row threat page took 4–7% of the page's execution CPU through `createHmac`, measured in one
 * process with the two taking turns (bench/README.md, "Eighteenth pass"). Checked against RFC 4231's
 * vectors and against `createHmac` in test/unit/hmac-sha256.test.ts.
 */
export function hmacSha256(key: Uint8Array | string): (message: Uint8Array | string) => Buffer {
  const keyBytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  const block = Buffer.alloc(BLOCK_BYTES);
  block.set(keyBytes.length > BLOCK_BYTES ? hash('sha256', keyBytes, 'buffer') : keyBytes);
  const innerPad = Buffer.alloc(BLOCK_BYTES);
  // The outer hash's input: its pad, then the inner digest written into the same buffer for each MAC.
  const outerInput = Buffer.alloc(BLOCK_BYTES + DIGEST_BYTES);
  for (let i = 0; i < BLOCK_BYTES; i++) {
    innerPad[i] = block[i]! ^ 0x36;
    outerInput[i] = block[i]! ^ 0x5c;
  }
  return (message) => {
    const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
    outerInput.set(hash('sha256', Buffer.concat([innerPad, bytes]), 'buffer'), BLOCK_BYTES);
    // Synchronous from the write above to this read: no other MAC can touch `outerInput` between.
    return hash('sha256', outerInput, 'buffer');
  };
}
