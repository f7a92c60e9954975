/**
 * Bumped whenever the tables change (a pipeline run, an ingestion, a restore), so screens that
 * show table contents reload. Screens read `dataVersion.value` inside an effect.
 */
class DataVersion {
  value = $state(0);

  bump(): void {
    this.value += 1;
  }
}

export const dataVersion = new DataVersion();
