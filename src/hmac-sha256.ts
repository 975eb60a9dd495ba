/**
 * HMAC-SHA256 (RFC 2104 over FIPS 180-4's SHA-256) under one key, in JavaScript: the hash states
 * after the two padded key blocks are computed once per key, so each MAC of a short message (a
 * cursor's ~120 characters) is three compressions of 64 bytes, with no allocation but its answer.
 *
 * Why not node's crypto: each call into OpenSSL costs far more than the three compressions.
 * `createHmac` sets up a MAC context per MAC, and one-shot `crypto.hash` (two per MAC) still
 * fetches its digest and copies its input each time: with it the signed endCursor of a 20-row
 * threat page cost ~5.5% of the page's CPU under load, measured in one process with the two
 * taking turns (bench/README.md, "Nineteenth pass"). Checked against RFC 4231's vectors and
 * against `createHmac` for keys and messages either side of the block in test/unit/hmac-sha256.test.ts.
 * As in any SHA-256, no branch and no table index depends on the key or the message (only additions,
 * shifts and bitwise operations on them), so its time says nothing of the key; cursors' MACs are
 * compared in constant time by their caller (cursor-codec.ts, `timingSafeEqual`).
 */

/** SHA-256 reads its input in blocks of 64 bytes; a longer key is hashed first (RFC 2104, section 2). */
const BLOCK_BYTES = 64;
const DIGEST_BYTES = 32;

/** FIPS 180-4, 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
// biome-ignore format: the standard's table, eight to a line
const K = Int32Array.of(
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
);

/** FIPS 180-4, 5.3.3: the initial hash value. */
const INITIAL_STATE = Int32Array.of(0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19);

// Scratch space, shared: every function below runs to its end synchronously, so no two MACs interleave.
const schedule = new Int32Array(64);
const tail = new Uint8Array(BLOCK_BYTES);

/** FIPS 180-4, 6.2.2: the block of 64 bytes at `at` in `bytes` folded into `state`. */
function compress(state: Int32Array, bytes: Uint8Array, at: number): void {
  const w = schedule;
  for (let i = 0; i < 16; i++, at += 4) w[i] = (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
  for (let i = 16; i < 64; i++) {
    const w15 = w[i - 15]!;
    const w2 = w[i - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/**
 * Hashes `bytes` on from `state` (which has read `before` bytes already) to the end, padded as
 * FIPS 180-4, 5.1.1 pads a message of `before + bytes.length` bytes.
 */
function finish(state: Int32Array, bytes: Uint8Array, before: number): void {
  let at = 0;
  for (; at + BLOCK_BYTES <= bytes.length; at += BLOCK_BYTES) compress(state, bytes, at);
  const rest = bytes.length - at;
  tail.fill(0);
  tail.set(bytes.subarray(at));
  tail[rest] = 0x80;
  if (rest >= BLOCK_BYTES - 8) {
    compress(state, tail, 0);
    tail.fill(0);
  }
  const bits = (before + bytes.length) * 8;
  writeWord(tail, BLOCK_BYTES - 8, Math.floor(bits / 2 ** 32));
  writeWord(tail, BLOCK_BYTES - 4, bits >>> 0);
  compress(state, tail, 0);
}

function writeWord(bytes: Uint8Array, at: number, word: number): void {
  bytes[at] = word >>> 24;
  bytes[at + 1] = word >>> 16;
  bytes[at + 2] = word >>> 8;
  bytes[at + 3] = word;
}

function writeState(state: Int32Array, bytes: Uint8Array, at: number): void {
  for (let i = 0; i < 8; i++) writeWord(bytes, at + 4 * i, state[i]!);
}

/** The state after one block: the key's pad, from which every MAC of this key starts. */
function afterBlock(block: Uint8Array): Int32Array {
  const state = INITIAL_STATE.slice();
  compress(state, block, 0);
  return state;
}

function sha256(bytes: Uint8Array): Uint8Array {
  const state = INITIAL_STATE.slice();
  finish(state, bytes, 0);
  const digest = new Uint8Array(DIGEST_BYTES);
  writeState(state, digest, 0);
  return digest;
}

/** `H((K ^ opad) || H((K ^ ipad) || message))` under `key`, as a function of the message. */
export function hmacSha256(key: Uint8Array | string): (message: Uint8Array | string) => Buffer {
  const keyBytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  const block = new Uint8Array(BLOCK_BYTES);
  block.set(keyBytes.length > BLOCK_BYTES ? sha256(keyBytes) : keyBytes);
  const innerStart = afterBlock(block.map((byte) => byte ^ 0x36));
  const outerStart = afterBlock(block.map((byte) => byte ^ 0x5c));
  // The outer hash's second block: the inner digest (written for each MAC), then its fixed padding.
  const outerBlock = new Uint8Array(BLOCK_BYTES);
  outerBlock[DIGEST_BYTES] = 0x80;
  writeWord(outerBlock, BLOCK_BYTES - 4, (BLOCK_BYTES + DIGEST_BYTES) * 8);
  const state = new Int32Array(8);
  return (message) => {
    state.set(innerStart);
    finish(state, typeof message === 'string' ? Buffer.from(message, 'utf8') : message, BLOCK_BYTES);
    writeState(state, outerBlock, 0);
    state.set(outerStart);
    compress(state, outerBlock, 0);
    const mac = Buffer.allocUnsafe(DIGEST_BYTES);
    writeState(state, mac, 0);
    return mac;
  };
}
