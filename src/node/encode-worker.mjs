// The Parquet encode worker in Node (worker_threads), for the unit tests and the native runner:
// the same messages as workers/encode.worker.ts (see src/engine/encode-protocol.ts) and the same
// encoding as encodeParquet in src/engine/parquet-codec.ts. Plain JavaScript, because Node starts
// a worker from a file it can run as it is.
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
  parentPort.on('message', (request) => {
    try {
      const files = request.ipcStreams.map((ipc) => encode(ipc, request.options));
      const reply = { kind: 'encoded', id: request.id, files, memoryBytes: memory() };
      parentPort.postMessage(
        reply,
        files.map((file) => file.buffer),
      );
    } catch (error) {
      parentPort.postMessage({ kind: 'failed', id: request.id, error: plain(error), memoryBytes: memory() });
    }
  });
  parentPort.postMessage({ kind: 'ready', memoryBytes: memory() });
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
