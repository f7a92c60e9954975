/**
 * Reads the bitmaps of Delta deletion vectors: Delta's `RoaringBitmapArray` format (a magic
 * number, then the portable 64-bit Roaring serialization: buckets of 32-bit Roaring bitmaps keyed
 * by the high 32 bits), per PROTOCOL.md "Deletion Vector Format" and the RoaringFormatSpec.
 */

/** The magic number in front of a serialized deletion vector (little endian): the portable format. */
export const DV_MAGIC = 1681511377;

/**
 * The magic number of Delta's older "native" format: a 32-bit count of bitmaps, then each bitmap's
 * size and bytes, the bitmap's position being its key. Spark reads it (little endian); the inline
 * example of PROTOCOL.md is written in it with big-endian framing, which is read too (its magic
 * cannot be mistaken for another).
 */
export const DV_MAGIC_NATIVE = 1681511376;

const SERIAL_COOKIE_NO_RUNCONTAINER = 12346;
const SERIAL_COOKIE = 12347;
const NO_OFFSET_THRESHOLD = 4;
const ARRAY_MAX = 4096;

/** A bitmap that cannot be read, with what is wrong. */
export class RoaringFormatError extends Error {}

/** The row indexes of a serialized deletion vector (magic number first), ascending. */
export function readRoaringBitmapArray(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  need(view, 0, 8);
  const magic = view.getUint32(0, true);
  if (magic === DV_MAGIC_NATIVE) return readNative(view, true);
  if (view.getUint32(0, false) === DV_MAGIC_NATIVE) return readNative(view, false);
  if (magic !== DV_MAGIC)
    throw new RoaringFormatError(`its magic number is ${magic}, not ${DV_MAGIC} (RoaringBitmapArray)`);
  need(view, 0, 12);
  const buckets = Number(view.getBigUint64(4, true));
  const rows: number[] = [];
  let at = 12;
  let previousKey = -1;
  for (let b = 0; b < buckets; b++) {
    need(view, at, 4);
    const key = view.getUint32(at, true);
    if (key <= previousKey) throw new RoaringFormatError('its bucket keys are not in ascending order');
    if (key >= 0x80000000) throw new RoaringFormatError(`bucket key ${key} has its most significant bit set`);
    previousKey = key;
    at = readRoaring32(view, at + 4, key * 2 ** 32, rows);
  }
  return rows;
}

/** The native format: bitmap i holds the rows whose high 32 bits are i. */
function readNative(view: DataView, littleEndian: boolean): number[] {
  const count = view.getUint32(4, littleEndian);
  const rows: number[] = [];
  let at = 8;
  for (let key = 0; key < count; key++) {
    need(view, at, 4);
    const size = view.getUint32(at, littleEndian);
    need(view, at + 4, size);
    readRoaring32(view, at + 4, key * 2 ** 32, rows);
    at += 4 + size;
  }
  return rows;
}

/** Read one 32-bit Roaring bitmap at `start`, appending `high + value` to `out`; returns the end offset. */
function readRoaring32(view: DataView, start: number, high: number, out: number[]): number {
  need(view, start, 4);
  const cookie = view.getUint32(start, true);
  let at = start + 4;
  let size: number;
  let runFlags: Uint8Array | null = null;
  if (cookie === SERIAL_COOKIE_NO_RUNCONTAINER) {
    need(view, at, 4);
    size = view.getUint32(at, true);
    at += 4;
  } else if ((cookie & 0xffff) === SERIAL_COOKIE) {
    size = (cookie >>> 16) + 1;
    const flagBytes = Math.ceil(size / 8);
    need(view, at, flagBytes);
    runFlags = new Uint8Array(view.buffer, view.byteOffset + at, flagBytes);
    at += flagBytes;
  } else {
    throw new RoaringFormatError(
      `a bucket starts with cookie ${cookie & 0xffff}, which is no Roaring cookie`,
    );
  }
  need(view, at, size * 4);
  const keys: number[] = [];
  const cardinalities: number[] = [];
  for (let i = 0; i < size; i++) {
    keys.push(view.getUint16(at + i * 4, true));
    cardinalities.push(view.getUint16(at + i * 4 + 2, true) + 1);
  }
  at += size * 4;
  // The offset header only speeds up random access; the containers follow each other in order.
  if (runFlags === null || size >= NO_OFFSET_THRESHOLD) at += size * 4;
  for (let i = 0; i < size; i++) {
    const base = high + keys[i] * 65536;
    const isRun = runFlags !== null && (runFlags[i >> 3] & (1 << (i & 7))) !== 0;
    if (isRun) {
      need(view, at, 2);
      const runs = view.getUint16(at, true);
      need(view, at + 2, runs * 4);
      for (let r = 0; r < runs; r++) {
        const first = view.getUint16(at + 2 + r * 4, true);
        const length = view.getUint16(at + 4 + r * 4, true);
        for (let v = first; v <= first + length; v++) out.push(base + v);
      }
      at += 2 + runs * 4;
    } else if (cardinalities[i] <= ARRAY_MAX) {
      need(view, at, cardinalities[i] * 2);
      for (let k = 0; k < cardinalities[i]; k++) out.push(base + view.getUint16(at + k * 2, true));
      at += cardinalities[i] * 2;
    } else {
      need(view, at, 8192);
      for (let word = 0; word < 2048; word++) {
        let bits = view.getUint32(at + word * 4, true);
        while (bits !== 0) {
          const low = bits & -bits;
          out.push(base + word * 32 + 31 - Math.clz32(low));
          bits ^= low;
        }
      }
      at += 8192;
    }
  }
  return at;
}

function need(view: DataView, at: number, length: number): void {
  if (at + length > view.byteLength)
    throw new RoaringFormatError(`it ends after ${view.byteLength} bytes, in the middle of a bitmap`);
}
