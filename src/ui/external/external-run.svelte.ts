import type { EngineClient } from '../engine-client';
import type { TableSummary } from '../../lake/lake-api';
import type { OpenedTable } from '../../lake/external/open-delta';
import type { OpenInput } from '../../service/contract';
import { BusyAction } from '../shell/busy-action.svelte';
import { appStatus } from '../shell/status.svelte';
import { formatBytes, formatCount } from '../sources/format';

/** A chosen or dropped file with its path inside the chosen folder (`webkitRelativePath`), else its name. */
export function inputOf(file: File, path?: string): OpenInput {
  return { path: path ?? (file.webkitRelativePath || file.name), file };
}

/**
 * "Open a Delta table", "Open files" and the external tables' rename, remove and import, shared by
 * the Sources screen's controls and `window.lakehouse`: one action at a time, its progress, the
 * list of external tables, and the status region's words.
 */
class ExternalRun extends BusyAction {
  tables = $state<TableSummary[]>([]);

  /** Open the Delta table of a folder's files or a zip; resolves with its name (`external.<name>`). */
  openDelta(engine: EngineClient, inputs: OpenInput[], name?: string): Promise<string> {
    const what = inputs.length === 1 ? inputs[0].file.name : (inputs[0]?.path.split('/')[0] ?? 'the files');
    return this.act(`Opening ${what}`, async (onProgress) => {
      const opened: OpenedTable = await engine.external.openDelta(inputs, name, onProgress);
      appStatus.set(
        `Opened ${opened.table} at version ${opened.version} (${formatCount(opened.files)} files, ${formatBytes(opened.bytes)}), read-only`,
        'ok',
      );
      return opened.table;
    });
  }

  /** Open Parquet, CSV/TSV, JSON-lines and DuckDB files as external tables; resolves with their names. */
  openFiles(engine: EngineClient, files: File[]): Promise<string[]> {
    const what = files.length === 1 ? files[0].name : `${files.length} files`;
    return this.act(`Opening ${what}`, async (onProgress) => {
      const opened = await engine.external.openFiles(files, onProgress);
      appStatus.set(`Opened ${opened.map((o) => o.table).join(', ')} from ${what}, read-only`, 'ok');
      return opened.map((o) => o.table);
    });
  }

  /** Rename an external table; resolves with its new name. */
  rename(engine: EngineClient, table: string, name: string): Promise<string> {
    return this.act(`Renaming ${table}`, async () => {
      const renamed = await engine.external.rename(table, name);
      appStatus.set(`${table} is now ${renamed}`, 'ok');
      return renamed;
    });
  }

  /** Remove an external table (its copy in this browser; the original files are untouched). */
  remove(engine: EngineClient, table: string): Promise<void> {
    return this.act(`Removing ${table}`, async () => {
      await engine.external.remove(table);
      appStatus.set(`Removed ${table}`, 'ok');
    });
  }

  /** Make an external table a lake table, history kept; resolves with its lake name. */
  importIntoLake(engine: EngineClient, table: string, target?: string): Promise<string> {
    return this.act(`Importing ${table}`, async () => {
      const imported = await engine.external.importTable(table, target);
      appStatus.set(`Imported ${table} into the lakehouse as ${imported}, with its history`, 'ok');
      return imported;
    });
  }

  /** Read the list of external tables again. */
  async refresh(engine: EngineClient): Promise<void> {
    this.tables = (await engine.lake.listTables()).filter((t) => t.readOnly);
  }
}

export const externalRun = new ExternalRun();
