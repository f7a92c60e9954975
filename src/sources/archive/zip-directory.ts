import { brokenArchive } from '../ingest/ingest-problem';

/** What a zip's central directory says of one entry. */
export interface ZipDirectoryEntry {
  crc32: number;
  compressedSize: number;
  size: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/**
 * Read a zip's central directory (from its end record), by name: the checksums and sizes every
 * entry is checked against while it is unpacked. Throws when the zip has no end record (an
 * interrupted download) or a broken directory.
 */
export async function readZipDirectory(file: {
  name: string;
  size: number;
  slice(start?: number, end?: number): Blob;
}): Promise<Map<string, ZipDirectoryEntry>> {
  const tailStart = Math.max(0, file.size - 22 - 0xffff);
  const tail = new Uint8Array(await file.slice(tailStart).arrayBuffer());
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0)
    throw brokenArchive(file.name, 'it has no end-of-archive record: the zip is incomplete or damaged');
  const count = view.getUint16(at + 10, true);
  const size = view.getUint32(at + 12, true);
  const start = view.getUint32(at + 16, true);
  if (count === 0xffff || start === 0xffffffff)
    throw brokenArchive(
      file.name,
      'it is a Zip64 archive (over 4 GB or 65,535 files), larger than a tab can read',
    );
  if (start + size > tailStart + at) throw brokenArchive(file.name, 'its directory lies outside the file');
  const directory = new Uint8Array(await file.slice(start, start + size).arrayBuffer());
  const dir = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const decoder = new TextDecoder();
  const entries = new Map<string, ZipDirectoryEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directory.length || dir.getUint32(p, true) !== CENTRAL)
      throw brokenArchive(file.name, `its directory record ${i + 1} of ${count} is broken`);
    const nameLength = dir.getUint16(p + 28, true);
    entries.set(decoder.decode(directory.subarray(p + 46, p + 46 + nameLength)), {
      crc32: dir.getUint32(p + 16, true),
      compressedSize: dir.getUint32(p + 20, true),
      size: dir.getUint32(p + 24, true),
    });
    p += 46 + nameLength + dir.getUint16(p + 30, true) + dir.getUint16(p + 32, true);
  }
  return entries;
}
