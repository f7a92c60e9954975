/**
 * Every code a `LakehouseError` carries (its `name`), and the details of those whose callers read
 * them. A code is the stable part of an error: screens and commands branch on it, never on the
 * message, which is the sentence the user reads and may be reworded.
 */
export type ErrorCode =
  // Reading the lake: tables, versions, files.
  | 'TableNotFound'
  | 'TableExists'
  | 'TableAlreadyExists'
  | 'TableDeletedConcurrently'
  | 'VersionNotFound'
  | 'TimestampBeforeFirstVersion'
  | 'InvalidTimestamp'
  | 'NoSchema'
  | 'DataFileMissing'
  | 'FileNotFound'
  | 'FileExists'
  | 'CorruptLog'
  | 'CorruptDataFile'
  | 'CorruptDeletionVector'
  | 'UnreadableDataFile'
  | 'UnsupportedProtocol'
  | 'UnsupportedReaderFeature'
  | 'UnsupportedType'
  | 'StorageFull'
  // Writing the lake: Delta's conflicts and refusals.
  | 'ConcurrentAppendException'
  | 'ConcurrentDeleteDeleteException'
  | 'ConcurrentDeleteReadException'
  | 'ConcurrentTransactionException'
  | 'MetadataChangedException'
  | 'ProtocolChangedException'
  | 'MultipleSourceRowMatchingTargetRowInMerge'
  | 'SchemaMismatch'
  | 'ColumnNotFound'
  | 'PartitionColumnNotFound'
  | 'PartitionColumnsMismatch'
  | 'ReplaceWhereMismatch'
  | 'ReservedColumn'
  | 'ReadOnlyTable'
  | 'InvalidWrite'
  | 'InvalidTableName'
  | 'InvalidOption'
  // Maintenance: OPTIMIZE, VACUUM, RESTORE.
  | 'InvalidRetention'
  | 'RetentionTooShort'
  | 'RestoreFilesMissing'
  | 'ZOrderOnPartitionColumn'
  | 'InvalidScale'
  // SQL typed or built by a screen.
  | 'EmptyQuery'
  | 'SqlSyntaxError'
  | 'NotAReadQuery'
  | 'NotAllowed'
  | 'ExportTooLarge'
  | 'ResultNotKept'
  | 'BadWindow'
  // The pipeline.
  | 'PipelineDefinitionError'
  | 'PipelineFailed'
  | 'UnknownModel'
  | 'MissingInput'
  | 'NoOlistData'
  // Sources: ingestion, streams.
  | 'IngestProblem'
  | 'NotLanded'
  | 'StreamRunning'
  | 'StreamingUnsupported'
  // External tables and lakehouse zips.
  | 'OpenRefused'
  | 'NotADeltaTable'
  | 'SeveralDeltaTables'
  | 'DamagedInput'
  | 'UnsupportedFile'
  | 'UnreadableFile'
  | 'NotExternal'
  | 'ImportRefused'
  // The engine.
  | 'Busy'
  | 'CancelledError';

/** What one model of a failed run did, as `PipelineFailed` carries it. */
export interface ModelOutcome {
  model: string;
  status: string;
  error: string | null;
}

/** The details a caller reads, per code; the other codes carry free-form details. */
export interface ErrorDetails {
  TableNotFound: { table?: string };
  StorageFull: { path: string; usedBytes: number; quotaBytes: number };
  PipelineFailed: { runId: string; model: string; models: ModelOutcome[] };
  IngestProblem: {
    file: string;
    status: 'unrecognised' | 'failed';
    line?: number;
    header?: string[];
    table?: string;
  };
  ImportRefused: { file: string; reason: string } & Record<string, unknown>;
}

/** The details of errors with code `C`. */
export type DetailOf<C extends ErrorCode> = C extends keyof ErrorDetails
  ? ErrorDetails[C]
  : Record<string, unknown>;
