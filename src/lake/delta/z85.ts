/** Z85 (ZeroMQ's Base85, RFC 32/Z85), the encoding Delta uses for deletion vector ids and inline DVs. */

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';
const VALUE = new Map([...ALPHABET].map((char, i) => [char, i]));

/**
 * Decode Z85 text into bytes. Delta pads the bytes to a multiple of four before encoding (its
 * Base85Codec), so `byteLength` (the DV's `sizeInBytes`) cuts the padding off again.
 */
export function z85Decode(text: string, byteLength?: number): Uint8Array {
  if (text.length % 5 !== 0)
    throw new Error(`Z85 text must be a multiple of 5 characters long, not ${text.length}`);
  const out = new Uint8Array((text.length / 5) * 4);
  for (let i = 0, o = 0; i < text.length; i += 5, o += 4) {
    let value = 0;
    for (let k = 0; k < 5; k++) {
      const digit = VALUE.get(text[i + k]);
      if (digit === undefined) throw new Error(`"${text[i + k]}" is not a Z85 character`);
      value = value * 85 + digit;
    }
    if (value > 0xffffffff) throw new Error(`"${text.slice(i, i + 5)}" is not a valid Z85 group`);
    out[o] = value >>> 24;
    out[o + 1] = (value >>> 16) & 0xff;
    out[o + 2] = (value >>> 8) & 0xff;
    out[o + 3] = value & 0xff;
  }
  return byteLength === undefined ? out : out.subarray(0, byteLength);
}

/** Encode bytes as Z85, zero-padded to a multiple of four (as Delta's writers do). */
export function z85Encode(bytes: Uint8Array): string {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  let out = '';
  for (let i = 0; i < padded.length; i += 4) {
    let value = ((padded[i] << 24) | (padded[i + 1] << 16) | (padded[i + 2] << 8) | padded[i + 3]) >>> 0;
    const group: string[] = [];
    for (let k = 0; k < 5; k++) {
      group.unshift(ALPHABET[value % 85]);
      value = Math.floor(value / 85);
    }
    out += group.join('');
  }
  return out;
}
