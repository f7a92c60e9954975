import { LakehouseError } from '../../engine/errors';
import type { Metadata, Protocol } from './actions';

/**
 * Reader table features this reader implements (PROTOCOL.md "Table Features"). Type widening
 * needs no more than the cast every file's columns get to the schema's types; the VACUUM protocol
 * check asks nothing of readers.
 */
export const SUPPORTED_READER_FEATURES = [
  'columnMapping',
  'deletionVectors',
  'timestampNtz',
  'v2Checkpoint',
  'vacuumProtocolCheck',
  'typeWidening',
  'typeWidening-preview',
] as const;

/** The newest reader version this reader implements. */
export const MAX_READER_VERSION = 3;

/** The features a reader must implement to read a table with this protocol. */
export function readerFeaturesOf(protocol: Protocol): string[] {
  if (protocol.minReaderVersion >= 3) return [...(protocol.readerFeatures ?? [])];
  return protocol.minReaderVersion === 2 ? ['columnMapping'] : [];
}

/** The writer features of a protocol, including those implied by a writer version below 7. */
export function writerFeaturesOf(protocol: Protocol): string[] {
  if (protocol.minWriterVersion >= 7) return [...(protocol.writerFeatures ?? [])];
  const implied = [
    ['appendOnly', 2],
    ['invariants', 2],
    ['checkConstraints', 3],
    ['changeDataFeed', 4],
    ['generatedColumns', 4],
    ['columnMapping', 5],
    ['identityColumns', 6],
  ] as const;
  return implied.filter(([, version]) => protocol.minWriterVersion >= version).map(([name]) => name);
}

/**
 * Refuse a table version this reader cannot read right: a reader version above 3, or a reader
 * feature it does not implement. The message names the table and the features.
 */
export function checkReadable(protocol: Protocol, table: string): void {
  if (protocol.minReaderVersion > MAX_READER_VERSION) {
    throw new LakehouseError(
      'UnsupportedProtocol',
      `${table} needs a Delta reader of version ${protocol.minReaderVersion}; this app reads reader versions 1 to ` +
        `${MAX_READER_VERSION}, so it cannot open this table.`,
      { table, minReaderVersion: protocol.minReaderVersion },
    );
  }
  const unknown = readerFeaturesOf(protocol).filter(
    (f) => !(SUPPORTED_READER_FEATURES as readonly string[]).includes(f),
  );
  if (unknown.length > 0) {
    const list = unknown.map((f) => `"${f}"`).join(', ');
    throw new LakehouseError(
      'UnsupportedReaderFeature',
      `${table} needs the Delta reader feature${unknown.length > 1 ? 's' : ''} ${list}, which this app does not ` +
        `implement, so it cannot read the table correctly. It reads tables with ${SUPPORTED_READER_FEATURES.join(', ')}.`,
      { table, features: unknown },
    );
  }
}

/** The writer features of a table that this app's writer (protocol 1/2, no features) does not keep. */
export function unwritableFeatures(protocol: Protocol, metadata: Metadata): string[] {
  const unkept = writerFeaturesOf(protocol).filter((f) => f !== 'appendOnly' && f !== 'invariants');
  const configuration = metadata.configuration ?? {};
  // Writer 2 asks writers to keep these when they are in use; this writer does not check them.
  if (configuration['delta.appendOnly'] === 'true') unkept.push('appendOnly');
  if (metadata.schemaString?.includes('delta.invariants')) unkept.push('invariants');
  return [...new Set(unkept)];
}
