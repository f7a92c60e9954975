/**
 * What kind of bytes a file holds before it is parsed: nothing, binary data, or text in some
 * encoding. Text comes back as UTF-8 without a byte-order mark, whatever it was written in.
 */

/** How the file's text was encoded. */
export type TextEncodingName = 'UTF-8' | 'Latin-1 (Windows-1252)' | 'UTF-16LE' | 'UTF-16BE';

/** Text ready for the CSV parser. */
export interface DecodedText {
  kind: 'text';
  /** UTF-8 bytes, byte-order mark removed. */
  bytes: Uint8Array;
  encoding: TextEncodingName;
  hadBom: boolean;
}

/** Bytes that are not text. */
export interface BinaryContent {
  kind: 'binary';
  /** Offset of the first byte that cannot be text. */
  offset: number;
  byte: number;
  /** A format recognised by its signature, e.g. "a PNG image". */
  looksLike?: string;
}

/** An empty file. */
export interface EmptyContent {
  kind: 'empty';
}

const SIGNATURES: Array<{ magic: number[]; name: string }> = [
  { magic: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { magic: [0x25, 0x50, 0x44, 0x46], name: 'a PDF document' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], name: 'an old Excel/Office document (.xls)' },
  { magic: [0x50, 0x41, 0x52, 0x31], name: 'a Parquet file' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], name: 'a program (ELF)' },
];

/** Classify a file's bytes and return its text as UTF-8 when it is text. */
export function decodeText(bytes: Uint8Array): DecodedText | BinaryContent | EmptyContent {
  if (bytes.length === 0) return { kind: 'empty' };
  const signature = SIGNATURES.find((s) => s.magic.every((b, i) => bytes[i] === b));
  if (signature) return { kind: 'binary', offset: 0, byte: bytes[0], looksLike: signature.name };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    const bad = firstBinaryByte(body);
    if (bad >= 0) return { kind: 'binary', offset: bad + 3, byte: body[bad] };
    if (isValidUtf8(body)) return { kind: 'text', bytes: body, encoding: 'UTF-8', hadBom: true };
    return {
      kind: 'text',
      bytes: reencode(body, 'windows-1252'),
      encoding: 'Latin-1 (Windows-1252)',
      hadBom: true,
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? 'UTF-16LE' : 'UTF-16BE';
    return {
      kind: 'text',
      bytes: reencode(bytes.subarray(2), encoding.toLowerCase()),
      encoding,
      hadBom: true,
    };
  }
  const bad = firstBinaryByte(bytes);
  if (bad >= 0) return { kind: 'binary', offset: bad, byte: bytes[bad] };
  if (isValidUtf8(bytes)) return { kind: 'text', bytes, encoding: 'UTF-8', hadBom: false };
  // Not UTF-8 but no control bytes: a legacy single-byte encoding, as spreadsheets export on Windows.
  return {
    kind: 'text',
    bytes: reencode(bytes, 'windows-1252'),
    encoding: 'Latin-1 (Windows-1252)',
    hadBom: false,
  };
}

/** Offset of the first byte that never occurs in text (NUL and most C0 controls), or -1. */
export function firstBinaryByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    // Tab, LF, CR and form feed occur in text; other C0 controls do not.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return i;
  }
  return -1;
}

const UTF8_CHECK_CHUNK = 4 << 20;

/**
 * True when the bytes are valid UTF-8. The browser's own decoder with `fatal` is several times
 * faster than a byte loop in JavaScript; it decodes in chunks so no string of the whole file is made.
 */
export function isValidUtf8(bytes: Uint8Array): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    for (let at = 0; at < bytes.length; at += UTF8_CHECK_CHUNK)
      decoder.decode(bytes.subarray(at, at + UTF8_CHECK_CHUNK), { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

function reencode(bytes: Uint8Array, label: string): Uint8Array {
  return new TextEncoder().encode(new TextDecoder(label).decode(bytes));
}
