/** Hive-style partition folders: `col=value/`, with `__HIVE_DEFAULT_PARTITION__` for null. */

/** The folder name Hive and Spark use for a null (or empty) partition value. */
export const NULL_PARTITION = '__HIVE_DEFAULT_PARTITION__';

// The characters Spark escapes in partition folder names (ExternalCatalogUtils.charToEscape).
const ESCAPED = new Set(['"', '#', '%', "'", '*', '/', ':', '=', '?', '\\', '\u007F', '{', '[', ']', '^']);

/** Escape a partition column name or value for a folder name, as Spark does (`%XX`). */
export function escapePartitionPart(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out +=
      ESCAPED.has(char) || (code >= 1 && code <= 0x1f)
        ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
        : char;
  }
  return out;
}

/** The folder (no trailing slash) of a file with these partition values; '' when unpartitioned. */
export function partitionFolder(columns: string[], values: Record<string, string | null>): string {
  return columns
    .map((column) => {
      const value = values[column];
      const text = value === null || value === undefined || value === '' ? NULL_PARTITION : value;
      return `${escapePartitionPart(column)}=${text === NULL_PARTITION ? text : escapePartitionPart(text)}`;
    })
    .join('/');
}

/** Normalise a partition value as Delta stores it: empty text means null. */
export function partitionValue(text: string | null | undefined): string | null {
  return text === null || text === undefined || text === '' ? null : text;
}
