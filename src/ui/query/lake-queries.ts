import * as Comlink from 'comlink';
import type { EngineClient } from '../engine-client';
import type { CommitEvent } from '../../service/contract';
import { QueryCoordinator } from './coordinator';

/**
 * The page's query coordinator over the engine worker, fed by the worker's commit events (one
 * subscription for the page). Queries asked before the subscription has answered wait for it.
 */
export function startLakeQueries(engine: EngineClient): QueryCoordinator {
  const coordinator = new QueryCoordinator(
    { query: (sql, params, limit) => engine.lake.query(sql, params, limit) },
    {
      versions: async () =>
        Object.fromEntries((await engine.lake.listTables()).map((table) => [table.name, table.version])),
    },
  );
  void engine.commits
    .subscribe(Comlink.proxy((event: CommitEvent) => coordinator.commit(event)))
    .then(({ versions }) => coordinator.begin(versions));
  return coordinator;
}
