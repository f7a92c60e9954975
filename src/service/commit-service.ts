import type { CommitEvents, CommitListener } from './commit-events';
import type { WithDeps } from './service-deps';

/** Subscribing to the worker's commit feed: "table committed at version N". */
export function createCommitService(withDeps: WithDeps, commits: CommitEvents) {
  return {
    /**
     * Hear of every commit from now on (pass a Comlink.proxy). Resolves with an id for
     * `unsubscribe` and the latest version of every table now, so the subscriber starts
     * from what exists. A listener may answer an event with the number of interactive requests
     * it sent because of it: a pipeline run lets those run before its next model.
     */
    subscribe(listener: CommitListener): Promise<{ id: number; versions: Record<string, number> }> {
      return withDeps(
        async ({ lake }) => {
          const id = commits.subscribe(listener);
          // From the logs' file names: a reload reads no table's log before a screen asks for it.
          return { id, versions: await lake.latestVersions() };
        },
        { interactive: true },
      );
    },

    /** Stop hearing of commits. */
    async unsubscribe(id: number): Promise<void> {
      commits.unsubscribe(id);
    },
  };
}
