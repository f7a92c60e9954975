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
  /** What was done to read it that the user should know (a replaced byte, a dropped Ctrl-Z), in words. */
  notes: string[];
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

/** More C0 control characters than this share of a file's bytes: not text. */
const MAX_CONTROL_SHARE = 0.001;

const CTRL_Z = 0x1a;

/**
 * Classify a file's bytes and return its text as UTF-8 when it is text, deciding on evidence:
 * valid UTF-8 stays UTF-8; text that is mostly UTF-8 with a few bytes that are not stays UTF-8
 * (those bytes become U+FFFD, and a note says so); text with no UTF-8 in it is a single-byte
 * spreadsheet export (Windows-1252). A NUL byte or many control characters mean binary data; a
 * trailing Ctrl-Z (DOS end-of-file mark) is dropped and a stray control character kept, each noted.
 */
export function decodeText(bytes: Uint8Array): DecodedText | BinaryContent | EmptyContent {
  if (bytes.length === 0) return { kind: 'empty' };
  const signature = SIGNATURES.find((s) => s.magic.every((b, i) => bytes[i] === b));
  if (signature) return { kind: 'binary', offset: 0, byte: bytes[0], looksLike: signature.name };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? 'UTF-16LE' : 'UTF-16BE';
    return {
      kind: 'text',
      bytes: reencode(bytes.subarray(2), encoding.toLowerCase()),
      encoding,
      hadBom: true,
      notes: [],
    };
  }
  const hadBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const offset = hadBom ? 3 : 0;
  let text = bytes.subarray(offset);
  const notes: string[] = [];
  let end = text.length;
  while (end > 0 && text[end - 1] === CTRL_Z) end--;
  if (end < text.length) {
    text = text.subarray(0, end);
    notes.push('The Ctrl-Z at the end of the file (an old end-of-file mark) was dropped.');
  }
  if (text.length === 0) return { kind: 'empty' };
  const controls = controlBytes(text);
  if (controls.nul >= 0 || controls.count > Math.max(1, text.length * MAX_CONTROL_SHARE)) {
    const at =
      controls.nul >= 0 && (controls.first < 0 || controls.nul < controls.first)
        ? controls.nul
        : controls.first;
    return { kind: 'binary', offset: at + offset, byte: text[at] };
  }
  if (controls.count > 0) {
    const one = controls.count === 1;
    notes.push(
      `${controls.count} control ${one ? 'character' : 'characters'} (first in line ${lineAt(text, controls.first)}) ` +
        `${one ? 'is' : 'are'} kept as written.`,
    );
  }
  if (isValidUtf8(text)) return { kind: 'text', bytes: text, encoding: 'UTF-8', hadBom, notes };
  const evidence = utf8Evidence(text);
  if (hadBom || evidence.validSequences > evidence.invalidBytes) {
    const one = evidence.invalidBytes === 1;
    notes.push(
      `Read as UTF-8: ${evidence.invalidBytes} ${one ? 'byte that is' : 'bytes that are'} not UTF-8 ` +
        `(first in line ${lineAt(text, evidence.firstInvalid)}) ${one ? 'was' : 'were'} replaced by the character �; ` +
        'the rest is as written.',
    );
    return { kind: 'text', bytes: reencode(text, 'utf-8'), encoding: 'UTF-8', hadBom, notes };
  }
  // No UTF-8 in it: a legacy single-byte encoding, as spreadsheets export on Windows.
  return {
    kind: 'text',
    bytes: reencode(text, 'windows-1252'),
    encoding: 'Latin-1 (Windows-1252)',
    hadBom,
    notes,
  };
}

/** NUL (offset or -1) and the other C0 controls that never occur in text: how many, the first. */
function controlBytes(bytes: Uint8Array): { nul: number; count: number; first: number } {
  let nul = -1;
  let count = 0;
  let first = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c) continue;
    if (b === 0 && nul < 0) nul = i;
    if (b !== 0) {
      count++;
      if (first < 0) first = i;
    }
  }
  return { nul, count, first };
}

/**
 * How much of the text is UTF-8: its valid multi-byte sequences, and the bytes that belong to none
 * (with the first one's offset). Only run when the text is not valid UTF-8 as a whole.
 */
function utf8Evidence(bytes: Uint8Array): {
  validSequences: number;
  invalidBytes: number;
  firstInvalid: number;
} {
  let validSequences = 0;
  let invalidBytes = 0;
  let firstInvalid = -1;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0;
    if (ok) {
      let code = b & (0x3f >> need);
      for (let k = 1; k <= need && ok; k++) {
        const c = bytes[i + k];
        if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
        else code = (code << 6) | (c & 0x3f);
      }
      const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
      if (ok && (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))) ok = false;
    }
    if (ok) {
      validSequences++;
      i += need + 1;
    } else {
      invalidBytes++;
      if (firstInvalid < 0) firstInvalid = i;
      i++;
    }
  }
  return { validSequences, invalidBytes, firstInvalid };
}

/** 1-based line of a byte offset. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
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
