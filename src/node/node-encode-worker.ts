import { Worker } from 'node:worker_threads';
import type { EncodeReply } from '../engine/encode-protocol';
import { createWorkerParquetCodec, type EncodeWorkerHandle } from '../engine/encode-worker-codec';
import {
  createParquetCodec,
  PARQUET_CREATED_BY,
  type ParquetCodec,
  type ParquetWasmModule,
} from '../engine/parquet-codec';

/** What the Node encode worker is started with; `failToStart` makes it fail as it loads (tests). */
export interface NodeEncodeWorkerOptions {
  failToStart?: string;
}

/**
 * Start the Parquet worker as a worker thread (src/node/encode-worker.mjs). It keeps the
 * process alive only while it loads or holds a request, so a finished script or test exits.
 */
export function spawnNodeEncodeWorker(options: NodeEncodeWorkerOptions = {}): EncodeWorkerHandle {
  const worker = new Worker(new URL('./encode-worker.mjs', import.meta.url), {
    workerData: { createdBy: PARQUET_CREATED_BY, failToStart: options.failToStart },
  });
  let outstanding = 0;
  const settle = () => {
    if (outstanding === 0) worker.unref();
  };
  return {
    post(request, transfer) {
      outstanding++;
      worker.ref();
      worker.postMessage(request, transfer);
    },
    listen(onReply, onFailure) {
      worker.on('message', (reply: EncodeReply) => {
        if ('id' in reply) outstanding--;
        if (reply.kind !== 'not-started') settle();
        onReply(reply);
      });
      worker.on('error', (error) =>
        onFailure(new Error(`The Parquet encode worker stopped: ${error.message}`)),
      );
      worker.on('exit', (code) => onFailure(new Error(`The Parquet encode worker exited (code ${code})`)));
    },
    terminate: () => void worker.terminate(),
  };
}

/** The Parquet codec of Node scripts: encoding in a worker thread (here, if it cannot start). */
export function nodeParquetCodec(pq: ParquetWasmModule): ParquetCodec {
  return createWorkerParquetCodec({ spawn: () => spawnNodeEncodeWorker(), local: createParquetCodec(pq) });
}
