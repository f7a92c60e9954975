import { transferablesOf, type EncodeReply, type EncodeRequest } from './encode-protocol';
import { toPlainError } from './errors';
import { createParquetCodec, encodeParquet, type ParquetWasmModule } from './parquet-codec';

/** The Parquet worker's answer to one request, and the buffers to transfer with it. */
export async function answerEncodeRequest(
  pq: ParquetWasmModule,
  request: EncodeRequest,
): Promise<{ reply: EncodeReply; transfer: ArrayBuffer[] }> {
  try {
    if (request.kind === 'decode') {
      const batches: Uint8Array[] = [];
      for await (const ipc of createParquetCodec(pq).readBatches(request.parquet, request.batchRows))
        batches.push(ipc);
      const reply: EncodeReply = { kind: 'decoded', id: request.id, batches, memoryBytes: memoryOf(pq) };
      return { reply, transfer: transferablesOf(batches) };
    }
    const files = request.ipcStreams.map((ipc) => encodeParquet(pq, ipc, request.options));
    const reply: EncodeReply = { kind: 'encoded', id: request.id, files, memoryBytes: memoryOf(pq) };
    return { reply, transfer: transferablesOf(files) };
  } catch (error) {
    return {
      reply: { kind: 'failed', id: request.id, error: toPlainError(error), memoryBytes: memoryOf(pq) },
      transfer: [],
    };
  }
}

/**
 * Answer requests one at a time, in the order they came (a decode reads its file asynchronously;
 * the next request waits for it).
 */
export function answerInTurn(
  pq: ParquetWasmModule,
  send: (reply: EncodeReply, transfer: ArrayBuffer[]) => void,
): (request: EncodeRequest) => void {
  let previous: Promise<void> = Promise.resolve();
  return (request) => {
    previous = previous.then(async () => {
      const { reply, transfer } = await answerEncodeRequest(pq, request);
      send(reply, transfer);
    });
  };
}

function memoryOf(pq: ParquetWasmModule): number {
  return pq.wasmMemory().buffer.byteLength;
}
