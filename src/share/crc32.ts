const TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (the zip format's checksum of an entry's uncompressed bytes), fed in pieces. */
export class Crc32 {
  private crc = -1;

  /** Add the next bytes. */
  update(bytes: Uint8Array): this {
    let c = this.crc;
    for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    this.crc = c;
    return this;
  }

  /** The checksum as an unsigned 32-bit number. */
  value(): number {
    return ~this.crc >>> 0;
  }
}
