import { createRequire } from 'node:module';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DuckDbEngine } from '../../src/engine/duckdb-engine';
import {
  createWorkerParquetCodec,
  SMALL_REQUEST_BYTES,
  type WorkerParquetCodec,
} from '../../src/engine/encode-worker-codec';
import {
  createParquetCodec,
  type ParquetCodec,
  type ParquetWasmModule,
} from '../../src/engine/parquet-codec';
import { bootNodeEngine } from '../../src/node/boot-node';
import { spawnNodeEncodeWorker } from '../../src/node/node-encode-worker';

const pq = createRequire(import.meta.url)('parquet-wasm/node') as ParquetWasmModule;
const local = createParquetCodec(pq);
let engine: DuckDbEngine;
let worker: WorkerParquetCodec;

beforeAll(async () => {
  ({ engine } = await bootNodeEngine());
  worker = createWorkerParquetCodec({ spawn: () => spawnNodeEncodeWorker(), local, localBelowBytes: 0 });
});

afterAll(() => worker.close());

const ROWS = `select i::bigint as id, 'name ' || i as name, (i * 1.25)::decimal(18,2) as amount,
    date '2020-01-01' + (i % 100)::int as d, case when i % 7 = 0 then null else i / 3.0 end as ratio
  from range(20000) t(i)`;

async function rowsOf(codec: ParquetCodec, bytes: Uint8Array): Promise<unknown[]> {
  return tableFromIPC(codec.read(bytes))
    .toArray()
    .map((row) => JSON.stringify(row.toJSON(), (_, v) => (typeof v === 'bigint' ? String(v) : v)));
}

describe('Parquet encoding in the encode worker', () => {
  it('encodes in the worker the very bytes encoding here gives, and they read back as the rows', async () => {
    const here = await local.write(await engine.queryArrow(ROWS));
    const ipc = await engine.queryArrow(ROWS);
    const there = await worker.write(ipc);
    expect(worker.encodesIn()).toBe('worker');
    // The IPC bytes were transferred to the worker, not copied.
    expect(ipc.byteLength).toBe(0);
    expect(there).toEqual(here);
    expect(await rowsOf(local, there)).toEqual(await rowsOf(local, here));
    expect(await rowsOf(local, there)).toHaveLength(20000);
  });

  it('encodes many files in one message, each its own Parquet file, in order', async () => {
    const ipcs = await Promise.all(
      [0, 1, 2, 3].map((k) => engine.queryArrow(`select ${k} as k, i from range(${k * 10 + 1}) t(i)`)),
    );
    const files = await worker.writeMany(ipcs, { rowGroupSize: 5 });
    expect(files).toHaveLength(4);
    for (const [k, file] of files.entries()) {
      const table = tableFromIPC(local.read(file));
      expect(table.numRows).toBe(k * 10 + 1);
      expect(Number(table.getChild('k')?.get(0))).toBe(k);
    }
  });

  it("reports the worker's encoding failure with the error encoding here throws, and keeps working", async () => {
    const garbage = () => new TextEncoder().encode('not an Arrow IPC stream');
    const here = await local.write(garbage()).catch((error: Error) => error);
    const there = await worker.write(garbage()).catch((error: Error) => error);
    expect(here).toBeInstanceOf(Error);
    expect(there).toBeInstanceOf(Error);
    expect({ name: (there as Error).name, message: (there as Error).message }).toEqual({
      name: (here as Error).name,
      message: (here as Error).message,
    });
    const after = await worker.write(await engine.queryArrow('select 1 as one'));
    expect(tableFromIPC(local.read(after)).numRows).toBe(1);
    expect(worker.encodesIn()).toBe('worker');
  });

  it('encodes here when the encode worker cannot start, and says so once', async () => {
    const reasons: string[] = [];
    const codec = createWorkerParquetCodec({
      spawn: () => spawnNodeEncodeWorker({ failToStart: 'no parquet-wasm in this worker' }),
      local,
      localBelowBytes: 0,
      onFallback: (reason) => reasons.push(reason.message),
    });
    const first = await codec.write(await engine.queryArrow(ROWS));
    const second = await codec.writeMany([await engine.queryArrow('select 2 as two')]);
    expect(codec.encodesIn()).toBe('local');
    expect(reasons).toEqual(['no parquet-wasm in this worker']);
    expect(first).toEqual(await local.write(await engine.queryArrow(ROWS)));
    expect(tableFromIPC(local.read(second[0])).numRows).toBe(1);
  });

  it('encodes here when no worker can be made at all', async () => {
    const codec = createWorkerParquetCodec({
      spawn: () => {
        throw new Error('Worker is not defined');
      },
      local,
      localBelowBytes: 0,
    });
    const bytes = await codec.write(await engine.queryArrow('select 3 as three'));
    expect(codec.encodesIn()).toBe('local');
    expect(tableFromIPC(local.read(bytes)).numRows).toBe(1);
  });

  it('fails the requests of a worker that stops, and starts a new one for the next', async () => {
    const codec = createWorkerParquetCodec({
      spawn: () => spawnNodeEncodeWorker(),
      local,
      localBelowBytes: 0,
    });
    await codec.write(await engine.queryArrow('select 1 as one'));
    // A request the worker holds when it goes away fails; the codec is not stuck.
    const held = codec.writeMany([await engine.queryArrow(ROWS)]);
    codec.close();
    await expect(held).rejects.toThrow('The Parquet encode worker was closed');
    // Closed, it encodes here.
    const bytes = await codec.write(await engine.queryArrow('select 4 as four'));
    expect(tableFromIPC(local.read(bytes)).numRows).toBe(1);
  });
});

/** A codec with the default size limits, counting the encode workers it starts. */
function countingCodec() {
  const started = { workers: 0 };
  const codec = createWorkerParquetCodec({
    spawn: () => {
      started.workers++;
      return spawnNodeEncodeWorker();
    },
    local,
  });
  return { codec, started };
}

it('encodes a small request here, without starting the encode worker', async () => {
  const { codec, started } = countingCodec();
  const bytes = await codec.write(await engine.queryArrow('select 5 as five'));
  expect(tableFromIPC(local.read(bytes)).numRows).toBe(1);
  expect([started.workers, codec.encodesIn()]).toEqual([0, 'not-started']);
});

describe('an idle encode worker', () => {
  /** A codec whose workers are counted as they start and end. */
  function countedCodec(recycleAboveBytes: number) {
    const counts = { spawned: 0, terminated: 0 };
    const codec = createWorkerParquetCodec({
      spawn: () => {
        counts.spawned++;
        const handle = spawnNodeEncodeWorker();
        return {
          ...handle,
          terminate: () => {
            counts.terminated++;
            handle.terminate();
          },
        };
      },
      local,
      localBelowBytes: 0,
      recycleIdleMs: 0,
      recycleAboveBytes,
    });
    return { codec, counts };
  }

  it('is ended when its heap is above the limit, freeing it, and a new one encodes the next file', async () => {
    const { codec, counts } = countedCodec(0);
    try {
      await codec.write(await engine.queryArrow(ROWS));
      await vi.waitFor(() => expect(counts.terminated).toBe(1));
      expect(codec.encodeWorkerMemoryBytes()).toBe(0);
      const again = await codec.write(await engine.queryArrow(ROWS));
      expect([counts.spawned, codec.encodesIn()]).toEqual([2, 'worker']);
      expect(again).toEqual(await local.write(await engine.queryArrow(ROWS)));
    } finally {
      codec.close();
    }
  });

  it('keeps running while its heap is below the limit', async () => {
    const { codec, counts } = countedCodec(Number.MAX_SAFE_INTEGER);
    try {
      await codec.write(await engine.queryArrow(ROWS));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(counts).toEqual({ spawned: 1, terminated: 0 });
      expect(codec.encodeWorkerMemoryBytes()).toBeGreaterThan(0);
    } finally {
      codec.close();
    }
  });
});

it('counts where each request was encoded: small ones here, large ones in the worker', async () => {
  const codec = createWorkerParquetCodec({ spawn: () => spawnNodeEncodeWorker(), local });
  try {
    const small = await engine.queryArrow('select 6 as six');
    const smallBytes = small.byteLength;
    await codec.write(small);
    const large = [await engine.queryArrow(ROWS), await engine.queryArrow(ROWS)];
    const largeBytes = large[0].byteLength + large[1].byteLength;
    expect(largeBytes).toBeGreaterThanOrEqual(SMALL_REQUEST_BYTES);
    await codec.writeMany(large);
    expect(codec.encodeReport()).toEqual({
      encodesIn: 'worker',
      worker: { requests: 1, files: 2, ipcBytes: largeBytes },
      local: { requests: 1, files: 1, ipcBytes: smallBytes },
      decodedInWorker: 0,
    });
  } finally {
    codec.close();
  }
});

describe('Parquet decoding in the encode worker', () => {
  /** Each batch's rows, as JSON lines, and how many rows each batch held. */
  async function batchesOf(codec: ParquetCodec, bytes: Uint8Array, batchRows: number) {
    const sizes: number[] = [];
    const rows: string[] = [];
    for await (const ipc of codec.readBatches(bytes, batchRows)) {
      const table = tableFromIPC(ipc);
      sizes.push(table.numRows);
      for (const row of table.toArray())
        rows.push(JSON.stringify(row.toJSON(), (_, v) => (typeof v === 'bigint' ? String(v) : v)));
    }
    return { sizes, rows };
  }

  it('decodes in the worker the very batches decoding here gives, and leaves the Parquet bytes readable', async () => {
    const file = await local.write(await engine.queryArrow(ROWS), { rowGroupSize: 8000 });
    const before = worker.encodeReport().decodedInWorker ?? 0;
    const there = await batchesOf(worker, file, 8000);
    expect(worker.encodeReport().decodedInWorker).toBe(before + 1);
    expect(there.sizes).toEqual([8000, 8000, 4000]);
    expect(there).toEqual(await batchesOf(local, file, 8000));
    // The bytes were copied to the worker, not transferred: the caller can read them again.
    expect(tableFromIPC(local.read(file)).numRows).toBe(20000);
  });

  it("reports a corrupt file's decoding failure with the error decoding here throws, and keeps working", async () => {
    const file = await local.write(await engine.queryArrow(ROWS));
    const corrupt = file.slice(0, file.byteLength - 100);
    const failure = (codec: ParquetCodec) =>
      batchesOf(codec, corrupt, 8000).then(
        () => null,
        (error: Error) => ({ name: error.name, message: error.message }),
      );
    const here = await failure(local);
    expect(here).not.toBeNull();
    expect(await failure(worker)).toEqual(here);
    expect((await batchesOf(worker, file, 50000)).sizes).toEqual([20000]);
  });

  it('decodes a file here when its worker goes away while it holds the file', async () => {
    const codec = createWorkerParquetCodec({
      spawn: () => spawnNodeEncodeWorker(),
      local,
      localBelowBytes: 0,
    });
    const file = await local.write(await engine.queryArrow(ROWS), { rowGroupSize: 8000 });
    await codec.write(await engine.queryArrow('select 1 as one')); // the worker is up
    const read = batchesOf(codec, file, 8000);
    // Let the decode be sent (microtasks only: the worker's answer needs a task, so it cannot come first).
    for (let tick = 0; tick < 10; tick++) await Promise.resolve();
    codec.close();
    expect(await read).toEqual(await batchesOf(local, file, 8000));
    expect(codec.encodeReport().decodedInWorker).toBe(0);
  });

  it('decodes a small file here, without starting the encode worker', async () => {
    const { codec, started } = countingCodec();
    const small = await local.write(await engine.queryArrow('select 7 as seven'));
    expect((await batchesOf(codec, small, 100)).rows).toEqual(['{"seven":7}']);
    expect([started.workers, codec.encodeReport().decodedInWorker]).toEqual([0, 0]);
  });
});
