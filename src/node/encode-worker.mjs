// The Parquet worker in Node (worker_threads), for the unit tests and the native runner: the same
// messages as workers/encode.worker.ts (see src/engine/encode-protocol.ts), answered in turn, and
// the same encoding and decoding as encodeParquet and readBatches in src/engine/parquet-codec.ts.
// Plain JavaScript, because Node starts a worker from a file it can run as it is.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const CREATED_BY = workerData.createdBy;

let pq;
try {
  if (workerData.failToStart) throw new Error(workerData.failToStart);
  pq = createRequire(import.meta.url)('parquet-wasm/node');
} catch (error) {
  parentPort.postMessage({ kind: 'not-started', error: plain(error) });
}

if (pq) {
  let previous = Promise.resolve();
  parentPort.on('message', (request) => {
    previous = previous.then(() => answer(request));
  });
  parentPort.postMessage({ kind: 'ready', memoryBytes: memory() });
}

async function answer(request) {
  try {
    if (request.kind === 'decode') {
      const batches = await decode(request.parquet, request.batchRows);
      const reply = { kind: 'decoded', id: request.id, batches, memoryBytes: memory() };
      parentPort.postMessage(reply, [...new Set(batches.map((batch) => batch.buffer))]);
      return;
    }
    const files = request.ipcStreams.map((ipc) => encode(ipc, request.options));
    const reply = { kind: 'encoded', id: request.id, files, memoryBytes: memory() };
    parentPort.postMessage(reply, [...new Set(files.map((file) => file.buffer))]);
  } catch (error) {
    parentPort.postMessage({ kind: 'failed', id: request.id, error: plain(error), memoryBytes: memory() });
  }
}

async function decode(parquet, batchRows) {
  const file = await pq.ParquetFile.fromFile(new Blob([parquet]));
  try {
    const reader = (await file.stream({ batchSize: batchRows })).getReader();
    const batches = [];
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || !value) return batches;
        batches.push(value.intoIPCStream());
      }
    } finally {
      reader.releaseLock();
    }
  } finally {
    file.free();
  }
}

function encode(ipc, options) {
  const table = pq.Table.fromIPCStream(ipc);
  let builder = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.ZSTD).setCreatedBy(CREATED_BY);
  if (options.rowGroupSize) builder = builder.setMaxRowGroupSize(options.rowGroupSize);
  return pq.writeParquet(table, builder.build());
}

function memory() {
  return pq.wasmMemory().buffer.byteLength;
}

function plain(error) {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}
