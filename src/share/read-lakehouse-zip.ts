import type { StreamingStorage } from '../lake/storage/streaming';
import { joinPath } from '../lake/storage/types';
import { Crc32 } from './crc32';
import { checksumMismatch, damagedZip, foreignZip, unsafePath } from './import-refused';
import { isLakehousePath, MANIFEST_PATH, parseManifest, tablesOf, type LakehouseManifest } from './manifest';
import { Sha256 } from './sha256-stream';
import { ZipReader, type ZipEntry } from './zip-reader';
import { errorMessage } from '../engine/error-message';

/** A lakehouse zip whose manifest and directory agree (checksums are checked while staging). */
export interface LakehouseZip {
  fileName: string;
  manifest: LakehouseManifest;
  reader: ZipReader;
  /** The zip entry of each manifest file, by path. */
  entries: Map<string, ZipEntry>;
}

/** Largest manifest read (a lakehouse of 65,534 files has a manifest of about 15 MB). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/**
 * Open a zip as a lakehouse export and check it before anything is written: it is a zip, it has
 * the manifest, the manifest is of a format this app reads, every entry is a lakehouse path the
 * manifest lists (none escapes with `..`), every listed file is in the zip with the size the
 * manifest says, and the tables it names are the ones its logs hold.
 */
export async function openLakehouseZip(file: Blob, fileName: string): Promise<LakehouseZip> {
  const reader = await ZipReader.open(file, fileName);
  const manifestEntry = reader.find(MANIFEST_PATH);
  if (!manifestEntry)
    throw foreignZip(
      fileName,
      `it has no ${MANIFEST_PATH} manifest (Export lakehouse writes one into every zip)`,
    );
  if (manifestEntry.size > MAX_MANIFEST_BYTES)
    throw foreignZip(
      fileName,
      `its ${MANIFEST_PATH} is ${manifestEntry.size} bytes, too large for a manifest`,
    );
  const manifestBytes = await reader.read(manifestEntry);
  if (new Crc32().update(manifestBytes).value() !== manifestEntry.crc32)
    throw crcMismatch(fileName, MANIFEST_PATH);
  const manifest = parseManifest(fileName, new TextDecoder().decode(manifestBytes));
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const entries = new Map<string, ZipEntry>();
  for (const entry of reader.entries) {
    if (entry.name === MANIFEST_PATH) continue;
    if (!isLakehousePath(entry.name)) throw unsafePath(fileName, entry.name);
    const file = listed.get(entry.name);
    if (!file) throw foreignZip(fileName, `it holds ${entry.name}, which its manifest does not list`);
    if (entries.has(entry.name)) throw damagedZip(fileName, `it holds ${entry.name} twice`);
    if (entry.size !== file.size) throw checksumMismatch(fileName, entry.name, 'its size in the zip');
    entries.set(entry.name, entry);
  }
  for (const path of listed.keys())
    if (!entries.has(path)) throw damagedZip(fileName, `${path} is in the manifest but not in the zip`);
  const tables = tablesOf(listed.keys());
  if (JSON.stringify(tables) !== JSON.stringify(sortTables(manifest.tables)))
    throw damagedZip(fileName, 'the tables its manifest names are not the tables its Delta logs hold');
  return { fileName, manifest, reader, entries };
}

/**
 * Write every file of the zip under `folder` in storage, checking as it streams each one's CRC-32
 * against the zip's directory and its size and SHA-256 against the manifest. On any failure the
 * staged files are deleted and the error is thrown; nothing outside `folder` is touched.
 */
export async function stageLakehouse(
  storage: StreamingStorage,
  zip: LakehouseZip,
  folder: string,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const total = zip.manifest.totalBytes;
  let done = 0;
  try {
    for (const file of zip.manifest.files) {
      const stream = await zip.reader.stream(zip.entries.get(file.path)!);
      const writer = await storage.createWriter(joinPath(folder, file.path));
      const hash = new Sha256();
      const crc = new Crc32();
      let size = 0;
      const reader = stream.getReader();
      try {
        for (;;) {
          const { value, done: end } = await reader.read().catch((error: unknown) => {
            throw damagedZip(zip.fileName, `${file.path} cannot be read: ${errorMessage(error)}`);
          });
          if (end) break;
          size += value.length;
          if (size > file.size) throw checksumMismatch(zip.fileName, file.path, 'its size');
          hash.update(value);
          crc.update(value);
          await writer.write(value);
          onProgress?.(done + size, total);
        }
        if (size !== file.size) throw checksumMismatch(zip.fileName, file.path, 'its size');
        // The zip's own checksum first: bytes damaged in the zip are the zip's fault, not the export's.
        if (crc.value() !== zip.entries.get(file.path)!.crc32) throw crcMismatch(zip.fileName, file.path);
        if (hash.hex() !== file.sha256) throw checksumMismatch(zip.fileName, file.path, 'its SHA-256');
        await writer.close();
      } catch (error) {
        await reader.cancel().catch(() => {});
        await writer.abort().catch(() => {});
        throw error;
      }
      done += file.size;
    }
  } catch (error) {
    await storage.deleteFolder(folder).catch(() => {});
    throw error;
  }
}

/** An entry whose bytes do not give the CRC-32 the zip's directory records for it. */
function crcMismatch(fileName: string, path: string) {
  return damagedZip(fileName, `${path} fails its CRC-32 check: its bytes are not the ones the zip recorded`);
}

function sortTables(tables: LakehouseManifest['tables']) {
  return [...tables]
    .map((t) => ({ name: t.name, version: t.version }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
