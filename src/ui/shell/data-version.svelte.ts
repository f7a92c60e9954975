import { untrack } from 'svelte';

/**
 * Bumped whenever the tables change (a pipeline run, an ingestion, a restore), so screens that
 * show table contents reload. Screens subscribe with `onTablesChanged`.
 */
class DataVersion {
  value = $state(0);

  bump(): void {
    this.value += 1;
  }
}

export const dataVersion = new DataVersion();

/**
 * The one "tables changed" subscription: runs `reload` as the calling component starts and again
 * each time the tables change, for as long as the component lives. What `reload` reads does not
 * re-trigger it (so a reload that clears a flag or sets its own state does not loop); `alsoWhen`
 * names other state that should also re-run it, such as the route's parameters.
 */
export function onTablesChanged(reload: () => unknown, alsoWhen?: () => unknown): void {
  $effect(() => {
    void dataVersion.value;
    alsoWhen?.();
    untrack(() => void reload());
  });
}
