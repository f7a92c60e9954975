import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/sources/landing/sha256';
import { crc32 } from 'node:zlib';
import { Crc32 } from '../../../src/share/crc32';
import { Sha256 } from '../../../src/share/sha256-stream';

/** Deterministic bytes of any length. */
function bytes(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('SHA-256 fed in pieces', () => {
  it('gives the known digests of the empty string and "abc"', () => {
    expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it.each([1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 100_003])(
    'agrees with Web Crypto on %i bytes, whatever the pieces',
    async (length) => {
      const data = bytes(length);
      const expected = await sha256Hex(data);
      expect(new Sha256().update(data).hex()).toBe(expected);
      const pieces = new Sha256();
      for (let at = 0, step = 1; at < length; at += step, step = (step * 3 + 1) % 97 || 1)
        pieces.update(data.subarray(at, Math.min(length, at + step)));
      expect(pieces.hex()).toBe(expected);
    },
  );
});

describe('CRC-32 fed in pieces', () => {
  it.each([0, 1, 100, 65_537])('agrees with zlib on %i bytes', (length) => {
    const data = bytes(length, 3);
    const crc = new Crc32();
    for (let at = 0; at < length; at += 1000) crc.update(data.subarray(at, at + 1000));
    expect(crc.value()).toBe(crc32(data));
  });
});
