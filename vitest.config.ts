import { defineConfig } from 'vitest/config';

/** Unit tests run in Node against the real DuckDB-WASM Node build and the real parquet-wasm. */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
