import initParquet, * as parquetWasm from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { answerEncodeRequest } from '../src/engine/encode-answer';
import type { EncodeReply, EncodeRequest } from '../src/engine/encode-protocol';
import { toPlainError } from '../src/engine/errors';

// The Parquet encode worker, started by the engine worker: parquet-wasm (from our own bundle)
// encodes Arrow IPC into Parquet here, on the other core, while DuckDB runs the next query.
const send = (reply: EncodeReply, transfer: ArrayBuffer[] = []) => self.postMessage(reply, { transfer });

initParquet({ module_or_path: parquetWasmUrl }).then(
  () => {
    self.addEventListener('message', (event: MessageEvent<EncodeRequest>) => {
      const { reply, transfer } = answerEncodeRequest(parquetWasm, event.data);
      send(reply, transfer);
    });
    send({ kind: 'ready', memoryBytes: parquetWasm.wasmMemory().buffer.byteLength });
  },
  (error: unknown) => send({ kind: 'not-started', error: toPlainError(error) }),
);
