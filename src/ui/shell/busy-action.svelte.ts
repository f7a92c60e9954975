import * as Comlink from 'comlink';
import type { Progress } from '../../engine/types';
import { errorMessage } from '../../engine/error-message';
import { dataVersion } from './data-version.svelte';
import { appStatus } from './status.svelte';

/**
 * One user action at a time (open, import, export…): what is running, how far it has come and
 * how the last one failed, each told in the status region too. Subclasses name the actions.
 */
export class BusyAction {
  busy = $state<string | null>(null);
  progress = $state<Progress | null>(null);
  error = $state<string | null>(null);

  /**
   * Run `work` under `label`, refused while another action runs. Its progress callback crosses the
   * worker boundary; when it settles the screens re-read the lakehouse unless `changesData` is false.
   */
  protected async act<T>(
    label: string,
    work: (onProgress: (p: Progress) => void) => Promise<T>,
    changesData = true,
  ): Promise<T> {
    if (this.busy) throw new Error(`${this.busy} is still running`);
    this.busy = label;
    this.error = null;
    this.progress = null;
    appStatus.set(`${label}…`, 'busy');
    const onProgress = Comlink.proxy((p: Progress) => {
      this.progress = p;
      if (p.total) appStatus.set(`${label}…`, 'busy', { done: p.done, total: p.total });
    });
    try {
      return await work(onProgress);
    } catch (error) {
      this.error = errorMessage(error);
      appStatus.set(this.error, 'error');
      throw error;
    } finally {
      this.busy = null;
      this.progress = null;
      if (changesData) dataVersion.bump();
    }
  }
}
