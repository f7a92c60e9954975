import type { EngineClient } from '../engine-client';
import type { LakehouseZipSummary } from '../../service/contract';
import type { ImportResult } from '../../share/import-lakehouse';
import { BusyAction } from '../shell/busy-action.svelte';
import { appStatus } from '../shell/status.svelte';
import { formatBytes, formatCount } from '../sources/format';

/** A question the import asks before it replaces a lakehouse that holds data. */
export interface ReplaceQuestion {
  summary: LakehouseZipSummary;
  answer: (replace: boolean) => void;
}

/**
 * "Export lakehouse" and "Import lakehouse", shared by the Sources screen's controls and
 * `window.lakehouse`: one transfer at a time, its progress, the question before replacing data,
 * and the status region's words.
 */
class ShareRun extends BusyAction {
  question = $state<ReplaceQuestion | null>(null);

  /** Export the lakehouse; resolves with the zip (a File read from browser storage) and its name. */
  async export(engine: EngineClient): Promise<{ file: Blob; fileName: string }> {
    return this.act(
      'Exporting the lakehouse',
      async (onProgress) => {
        const result = await engine.exports.lakehouse(onProgress);
        appStatus.set(
          `Exported ${plural(result.tables.length, 'table')} with their history and ${plural(result.fileCount, 'file')} in all (${formatBytes(result.zipBytes)}) as ${result.fileName}`,
          'ok',
        );
        return { file: result.file, fileName: result.fileName };
      },
      false,
    );
  }

  /**
   * Import a lakehouse zip. When the lakehouse holds data the user is asked first (or `replace`
   * answers for them); resolves with what came in, or null when the user kept the lakehouse.
   */
  async import(engine: EngineClient, file: File, replace?: boolean): Promise<ImportResult | null> {
    return this.act(`Importing ${file.name}`, async (onProgress) => {
      const summary = await engine.exports.inspectZip(file);
      const holdsData = summary.current.files > 0;
      const confirmed = holdsData ? (replace ?? (await this.ask(summary))) : false;
      if (holdsData && !confirmed) {
        appStatus.set(`Import of ${file.name} cancelled; the lakehouse was not changed`, 'info');
        return null;
      }
      const result = await engine.exports.importZip(file, holdsData, onProgress);
      appStatus.set(
        `Imported ${file.name}: ${plural(result.tables.length, 'table')} with their history and ${plural(result.fileCount, 'file')} (${formatBytes(result.totalBytes)})` +
          (holdsData
            ? `, replacing ${plural(result.replaced.tables, 'table')} and ${plural(result.replaced.files, 'file')}`
            : ''),
        'ok',
      );
      return result;
    });
  }

  private ask(summary: LakehouseZipSummary): Promise<boolean> {
    return new Promise((resolve) => {
      this.question = {
        summary,
        answer: (replace) => {
          this.question = null;
          resolve(replace);
        },
      };
    });
  }
}

function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

export const shareRun = new ShareRun();
