import * as Comlink from 'comlink';
import type { EngineClient } from '../engine-client';
import type { CommitEvent } from '../../service/contract';
import { OpfsStorage } from '../../lake/storage/opfs-storage';
import { localAnswerMemory } from './answer-memory';
import { QueryCoordinator } from './coordinator';
import { storageLogHeads } from './log-heads';

/**
 * The page's query coordinator over the engine worker, fed by the worker's commit events (one
 * subscription for the page). Queries asked before the subscription has answered wait for it,
 * except remembered answers that still hold (a chart's rows after a reload): those are checked
 * against the Delta logs in OPFS, read from this page while the engine worker starts.
 */
export function startLakeQueries(engine: EngineClient): QueryCoordinator {
  const coordinator = new QueryCoordinator(
    { query: (sql, params, limit) => engine.lake.query(sql, params, limit) },
    {
      versions: async () =>
        Object.fromEntries((await engine.lake.listTables()).map((table) => [table.name, table.version])),
      remember: {
        memory: localAnswerMemory(typeof localStorage === 'undefined' ? null : localStorage),
        heads: storageLogHeads(new OpfsStorage()),
      },
    },
  );
  void engine.commits
    .subscribe(Comlink.proxy((event: CommitEvent) => coordinator.commit(event)))
    .then(({ versions }) => coordinator.begin(versions));
  return coordinator;
}
