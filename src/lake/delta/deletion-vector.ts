import { LakehouseError } from '../../engine/errors';
import { crc32 } from './crc32';
import { RoaringFormatError, readRoaringBitmapArray } from './roaring';
import { z85Decode } from './z85';
import { errorMessage } from '../../engine/error-message';

/** Where a deletion vector is and how big (PROTOCOL.md "Deletion Vector Descriptor Schema"). */
export interface DeletionVectorDescriptor {
  /** `u`: a file named after a UUID next to the data; `i`: inline in the log; `p`: an absolute path. */
  storageType: string;
  pathOrInlineDv: string;
  offset?: number | null;
  sizeInBytes: number;
  cardinality: number;
  maxRowIndex?: number | null;
}

/** The DV's unique id: with the path, it identifies a logical file of the table. */
export function deletionVectorId(dv: DeletionVectorDescriptor): string {
  const base = `${dv.storageType}${dv.pathOrInlineDv}`;
  return dv.offset === null || dv.offset === undefined ? base : `${base}@${dv.offset}`;
}

/**
 * The file holding an on-disk DV: for `u`, `<prefix>/deletion_vector_<uuid>.bin` relative to the
 * table folder (the last 20 characters are the Z85-encoded UUID, anything before is the prefix);
 * for `p`, the absolute path as written. Null for an inline DV.
 */
export function deletionVectorFile(dv: DeletionVectorDescriptor): string | null {
  if (dv.storageType === 'i') return null;
  if (dv.storageType === 'p') return dv.pathOrInlineDv;
  if (dv.storageType !== 'u') throw new Error(`storage type "${dv.storageType}" is not one of u, i, p`);
  const text = dv.pathOrInlineDv;
  if (text.length < 20) throw new Error(`"${text}" is too short to hold a Z85-encoded UUID`);
  const uuid = formatUuid(z85Decode(text.slice(-20)));
  const prefix = text.slice(0, -20);
  return `${prefix ? `${prefix}/` : ''}deletion_vector_${uuid}.bin`;
}

/** How `readDeletedRows` reads a DV file (relative to the table folder, or an absolute URI). */
export type ReadDvFile = (path: string) => Promise<Uint8Array>;

/** What a reader needs to name a DV in a message. */
export interface DvContext {
  table: string;
  dataFile: string;
}

/**
 * The row indexes a deletion vector removes from its data file, ascending. On-disk DVs are
 * checked as PROTOCOL.md says: format version 1, the big-endian size at `offset` equal to
 * `sizeInBytes`, the CRC-32 after the data; and every DV's row count must equal its cardinality.
 */
export async function readDeletedRows(
  dv: DeletionVectorDescriptor,
  readFile: ReadDvFile,
  context: DvContext,
): Promise<number[]> {
  let serialized: Uint8Array;
  let where: string;
  try {
    const file = deletionVectorFile(dv);
    where = file ?? 'inline';
    serialized =
      file === null ? z85Decode(dv.pathOrInlineDv, dv.sizeInBytes) : onDisk(await readFile(file), dv);
  } catch (error) {
    if (error instanceof LakehouseError) throw error;
    throw corrupt(context, dv, errorMessage(error));
  }
  let rows: number[];
  try {
    rows = readRoaringBitmapArray(serialized);
  } catch (error) {
    if (!(error instanceof RoaringFormatError)) throw error;
    throw corrupt(context, dv, `the ${where} deletion vector is not a RoaringBitmapArray: ${error.message}`);
  }
  if (rows.length !== Number(dv.cardinality))
    throw corrupt(context, dv, `it holds ${rows.length} rows, the log says ${dv.cardinality}`);
  return rows;
}

/** The serialized DV inside a DV file, after checking version, size and checksum. */
function onDisk(file: Uint8Array, dv: DeletionVectorDescriptor): Uint8Array {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.length < 1 || file[0] !== 1)
    throw new Error(`the DV file has format version ${file[0] ?? 'none'}, not 1`);
  const offset = Number(dv.offset ?? 0);
  if (offset + 4 > file.length)
    throw new Error(`the DV file has ${file.length} bytes, no DV at offset ${offset}`);
  const size = view.getUint32(offset, false);
  if (size !== Number(dv.sizeInBytes))
    throw new Error(`the DV at offset ${offset} has ${size} bytes, the log says ${dv.sizeInBytes}`);
  const end = offset + 4 + size;
  if (end + 4 > file.length)
    throw new Error(`the DV file is cut off: it has ${file.length} bytes, not ${end + 4}`);
  const data = file.subarray(offset + 4, end);
  const checksum = view.getUint32(end, false);
  if (crc32(data) !== checksum) throw new Error(`the DV at offset ${offset} fails its CRC-32 checksum`);
  return data;
}

function corrupt(context: DvContext, dv: DeletionVectorDescriptor, problem: string): LakehouseError {
  return new LakehouseError(
    'CorruptDeletionVector',
    `The deletion vector of ${context.dataFile} in ${context.table} cannot be read: ${problem}`,
    { table: context.table, path: context.dataFile, storageType: dv.storageType },
  );
}

function formatUuid(bytes: Uint8Array): string {
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
