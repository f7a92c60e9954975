// Where a commit's time goes (the lake's own CommitResult timings): the rows of a table written
// again as a new table, with the same partitioning — SQL in DuckDB, Arrow export and Parquet
// encoding, OPFS writes, the log commit and the loaded copy. Run after the timed stages.

/** Tables whose writes dominate a run: the two event tables and a typical Silver table. */
const PROFILED = ['bronze.events', 'silver.events', 'silver.customers'];

/** Copy each profiled table into `<layer>.bench_copy_<name>` and return the lake's timings of that write. */
export function profileCommits(page) {
  return page.evaluate(async (tables) => {
    const engine = window.lakehouse.engine;
    const listed = await engine.lake.listTables();
    const profile = {};
    for (const table of tables) {
      const summary = listed.find((t) => t.name === table);
      if (!summary) continue;
      const [layer, name] = table.split('.');
      const before = await engine.debug.encodeReport();
      const started = performance.now();
      const commit = await engine.lake.write(`${layer}.bench_copy_${name}`, {
        sql: `select * from ${table}`,
        mode: 'overwrite',
        partitionBy: summary.partitionColumns,
      });
      const wallMs = performance.now() - started;
      const after = await engine.debug.encodeReport();
      profile[table] = {
        wallMs,
        rows: summary.numRecords,
        files: commit.metrics.numFiles ?? null,
        bytes: commit.metrics.numOutputBytes ?? null,
        ...commit.timings,
        // Files of this write encoded in the encode worker and in the engine worker (its fallback or small files).
        encoded: after && {
          in: after.encodesIn,
          workerFiles: after.worker.files - (before?.worker.files ?? 0),
          localFiles: after.local.files - (before?.local.files ?? 0),
        },
      };
    }
    return profile;
  }, PROFILED);
}
