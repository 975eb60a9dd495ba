/**
 * HMAC-SHA256 in JavaScript (src/hmac-sha256.ts), pinned by RFC 4231's test cases (section
 * 4: the RFC's own keys, data and HMAC-SHA-256 values, pasted as literals; case 5, a truncated
 * output, is left out) and compared with node's `createHmac` on keys either side of the 64-byte block.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256 } from '../../src/hmac-sha256.js';

const hex = (text: string) => Buffer.from(text, 'hex');
const repeated = (byte: number, count: number) => Buffer.alloc(count, byte);

const RFC_4231 = [
  { name: 'case 1', key: repeated(0x0b, 20), data: Buffer.from('Hi There'), mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7' },
  {
    name: 'case 2',
    key: Buffer.from('Jefe'),
    data: Buffer.from('what do ya want for nothing?'),
    mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  { name: 'case 3', key: repeated(0xaa, 20), data: repeated(0xdd, 50), mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe' },
  {
    name: 'case 4',
    key: hex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
    data: repeated(0xcd, 50),
    mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  },
  {
    name: 'case 6 (a key longer than the block)',
    key: repeated(0xaa, 131),
    data: Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First'),
    mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    name: 'case 7 (key and data longer than the block)',
    key: repeated(0xaa, 131),
    data: Buffer.from(
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
] as const;

describe('hmacSha256', () => {
  it.each(RFC_4231)('answers RFC 4231 $name', ({ key, data, mac }) => {
    expect(hmacSha256(key)(data).toString('hex')).toBe(mac);
  });

  it('answers as createHmac does for keys of 0 to 200 bytes and messages of 0 to 1,000, as bytes or UTF-8 text', () => {
    for (const keyLength of [0, 1, 31, 32, 63, 64, 65, 100, 130, 200]) {
      const key = randomBytes(keyLength);
      const mac = hmacSha256(key);
      // Either side of where the padding takes a block of its own (55/56 bytes past a block) and of whole blocks.
      for (const messageLength of [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 183, 184, 300, 1000]) {
        const message = randomBytes(messageLength);
        expect(mac(message).equals(createHmac('sha256', key).update(message).digest())).toBe(true);
      }
      const text = 'カーソル cursor ✓';
      expect(mac(text).equals(createHmac('sha256', key).update(text, 'utf8').digest())).toBe(true);
    }
  });

  it('takes a text key as its UTF-8 bytes, and gives each MAC a buffer of its own', () => {
    const mac = hmacSha256('秘密の鍵');
    const first = mac('a');
    const second = mac('b');
    expect(first.equals(createHmac('sha256', Buffer.from('秘密の鍵', 'utf8')).update('a').digest())).toBe(true);
    expect(second.equals(createHmac('sha256', Buffer.from('秘密の鍵', 'utf8')).update('b').digest())).toBe(true);
    expect(first.equals(second)).toBe(false);
  });

  it('keeps each key to itself when MACs under two keys alternate', () => {
    const [first, second] = [randomBytes(32), randomBytes(80)];
    const [macFirst, macSecond] = [hmacSha256(first), hmacSha256(second)];
    for (const message of ['one', 'two', 'x'.repeat(150)]) {
      expect(macFirst(message).equals(createHmac('sha256', first).update(message).digest())).toBe(true);
      expect(macSecond(message).equals(createHmac('sha256', second).update(message).digest())).toBe(true);
    }
  });
});
