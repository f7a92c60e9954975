import { errorMessage } from '../../engine/error-message';
import { isMissingTable } from '../../engine/errors';
import type { EngineApi } from '../../service/contract';
import { groupByModel, LATEST_RESULTS_SQL, type ModelReport, type QualityFinding } from './quality-report';

/** What the Quality screen asks of the engine: one read query of the lake. */
export type QualityBackend = Pick<EngineApi['lake'], 'sql'>;

/** State of the Quality screen: the latest finding of every expectation, grouped by model. */
export class QualityModel {
  reports = $state<ModelReport[]>([]);
  /** False until the first read has answered (so "no runs yet" is not shown while reading). */
  loaded = $state(false);
  error = $state<string | null>(null);
  readonly totals = $derived({
    checks: this.reports.reduce((n, r) => n + r.findings.length, 0),
    failing: this.reports.reduce((n, r) => n + r.failed, 0),
    models: this.reports.length,
  });

  constructor(private readonly engine: QualityBackend) {}

  /** Read the latest results; before any pipeline run (no results table yet) there are none. */
  async load(): Promise<void> {
    this.error = null;
    try {
      const result = await this.engine.sql(LATEST_RESULTS_SQL, 100_000);
      this.reports = groupByModel(result.rows as unknown as QualityFinding[]);
    } catch (e) {
      if (isMissingTable(e)) this.reports = [];
      else this.error = errorMessage(e);
    } finally {
      this.loaded = true;
    }
  }
}
