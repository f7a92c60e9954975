import type { EncodeReply, EncodeRequest } from './encode-protocol';
import { toPlainError } from './errors';
import { encodeParquet, type ParquetWasmModule } from './parquet-codec';

/** The encode worker's answer to one request, and the buffers to transfer with it. */
export function answerEncodeRequest(
  pq: ParquetWasmModule,
  request: EncodeRequest,
): { reply: EncodeReply; transfer: ArrayBuffer[] } {
  try {
    const files = request.ipcStreams.map((ipc) => encodeParquet(pq, ipc, request.options));
    const reply: EncodeReply = { kind: 'encoded', id: request.id, files, memoryBytes: memoryOf(pq) };
    return { reply, transfer: files.map((file) => file.buffer as ArrayBuffer) };
  } catch (error) {
    return {
      reply: { kind: 'failed', id: request.id, error: toPlainError(error), memoryBytes: memoryOf(pq) },
      transfer: [],
    };
  }
}

function memoryOf(pq: ParquetWasmModule): number {
  return pq.wasmMemory().buffer.byteLength;
}
