import { LakehouseError } from '../engine/errors';
import type { ProgressCallback } from '../engine/types';
import { EXTERNAL_LAYER, isExternalTable, tableNameOf, uniqueName } from '../lake/external/external-names';
import { deltaRoots } from '../lake/external/input-entries';
import { openDeltaTable, type OpenedTable } from '../lake/external/open-delta';
import { openRefused } from '../lake/external/open-refused';
import { moveInto } from '../lake/external/staging';
import type { Lake } from '../lake/lake';
import { parseTableName, type TableName } from '../lake/names';
import { streamingStorage, type StreamingStorage } from '../lake/storage/streaming';
import { joinPath } from '../lake/storage/types';
import type { WithDeps } from './service-deps';
import { openFiles } from './open-files';
import { openSource, type OpenInput } from './open-inputs';

/** One opening (or rename) at a time in whichever tab, so two never pick the same name. */
const EXTERNAL_LOCK = 'pocket-lakehouse:external-tables';

const NAME = /^[a-z_][a-z0-9_]*$/;

/** The names of the external tables there are now. */
async function externalNames(lake: Lake): Promise<Set<string>> {
  const tables = await lake.listTables();
  return new Set(tables.filter((t) => t.layer === EXTERNAL_LAYER).map((t) => t.name.split('.')[1]));
}

/** A name the user typed for an external table (with or without `external.`), checked. */
function chosenName(typed: string, taken: Set<string>, source: string): string {
  const name = typed.trim().replace(/^external\./, '');
  if (!NAME.test(name))
    throw openRefused(
      source,
      `"${typed}" cannot name a table: use lower case letters, digits and _ (e.g. sales_2024)`,
      'InvalidTableName',
    );
  if (taken.has(name))
    throw openRefused(source, `external.${name} already exists; choose another name`, 'TableExists');
  return name;
}

/** Tables opened from files: `external.*`, read-only, kept in OPFS until removed or imported. */
export function createExternalService(withDeps: WithDeps) {
  return {
    /**
     * Open the one Delta table a folder's files or a zip hold as `external.<name>` (name from the
     * folder or zip unless given, made unique); resolves with what was opened.
     */
    openDelta(inputs: OpenInput[], name?: string, onProgress?: ProgressCallback): Promise<OpenedTable> {
      return withDeps(async ({ storage, parquet, lake }) => {
        const { source, baseName, entries } = await openSource(inputs);
        return lake.locks.run(EXTERNAL_LOCK, 'exclusive', async () => {
          const taken = await externalNames(lake);
          const root = deltaRoots(entries.map((e) => e.path))[0];
          const fromFolder = root ? (root.split('/').at(-1) ?? baseName) : baseName;
          const tableName = name
            ? chosenName(name, taken, source)
            : uniqueName(tableNameOf(fromFolder), taken);
          return openDeltaTable(streamingStorage(storage), parquet, entries, {
            source,
            name: tableName,
            onProgress: (done, total) =>
              onProgress?.({ step: `Opening ${source}`, done, total, unit: 'bytes' }),
          });
        });
      });
    },

    /**
     * Open Parquet, CSV/TSV, newline-delimited JSON and DuckDB database files as read-only
     * `external.<name>` tables (names from the files, made unique); resolves with what was opened.
     */
    openFiles(files: File[], onProgress?: ProgressCallback): Promise<OpenedTable[]> {
      return withDeps((deps) =>
        deps.lake.locks.run(EXTERNAL_LOCK, 'exclusive', async () =>
          openFiles(deps, files, await externalNames(deps.lake), onProgress),
        ),
      );
    },

    /** Give an external table another name; resolves with the new `external.<name>`. */
    rename(table: string, newName: string): Promise<string> {
      return withDeps(({ storage, lake }) =>
        lake.locks.run(EXTERNAL_LOCK, 'exclusive', async () => {
          const from = externalTable(table);
          const name = chosenName(newName, await externalNames(lake), table);
          const to = parseTableName(`${EXTERNAL_LAYER}.${name}`);
          await lake.exclusively(() => moveTable(streamingStorage(storage), from, to));
          return to.full;
        }),
      );
    },

    /** Delete an external table: its copied files and its history (the original is untouched). */
    remove(table: string): Promise<void> {
      return withDeps(({ lake }) => lake.dropTable(externalTable(table).full));
    },

    /**
     * "Import into the lakehouse": the external table becomes the lake table `target` (default
     * `imported.<name>`), its log and files as they are, so its history comes along.
     */
    importTable(table: string, target?: string): Promise<string> {
      return withDeps(async ({ storage, lake }) => {
        const from = externalTable(table);
        const to = parseTableName(target ?? `imported.${from.name}`);
        if (to.layer === EXTERNAL_LAYER)
          throw new LakehouseError('InvalidTableName', `${to.full} is external: import into another layer`, {
            table: to.full,
          });
        if (await lake.exists(to.full))
          throw new LakehouseError(
            'TableExists',
            `${to.full} already exists; choose another name. Nothing was imported.`,
            {
              table: to.full,
            },
          );
        if (!(await lake.exists(from.full)))
          throw new LakehouseError('TableNotFound', `${from.full} does not exist`);
        await lake.exclusively(() => moveTable(streamingStorage(storage), from, to));
        return to.full;
      });
    },
  };
}

/** Move a table's folder (data files first, the log last) and delete what is left of the old one. */
async function moveTable(storage: StreamingStorage, from: TableName, to: TableName): Promise<void> {
  const folder = (t: TableName) => joinPath('tables', t.layer, t.name);
  await moveInto(storage, folder(from), folder(to));
  await storage.deleteFolder(folder(from));
}

/** `external.<name>` parsed, or a refusal for any other table. */
function externalTable(table: string) {
  const name = parseTableName(table);
  if (!isExternalTable(name.full))
    throw new LakehouseError('NotExternal', `${table} is not an external table`, { table });
  return name;
}
