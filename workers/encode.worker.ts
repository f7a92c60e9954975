import initParquet, * as parquetWasm from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { answerInTurn } from '../src/engine/encode-answer';
import type { EncodeReply, EncodeRequest } from '../src/engine/encode-protocol';
import { toPlainError } from '../src/engine/errors';

// The Parquet worker, started by the engine worker: parquet-wasm (from our own bundle) encodes
// Arrow IPC into Parquet and decodes Parquet into Arrow IPC here, on the other core, while DuckDB
// runs the next query; its memory, which never shrinks, is freed when the engine worker ends it.
const send = (reply: EncodeReply, transfer: ArrayBuffer[] = []) => self.postMessage(reply, { transfer });

initParquet({ module_or_path: parquetWasmUrl }).then(
  () => {
    const answer = answerInTurn(parquetWasm, send);
    self.addEventListener('message', (event: MessageEvent<EncodeRequest>) => answer(event.data));
    send({ kind: 'ready', memoryBytes: parquetWasm.wasmMemory().buffer.byteLength });
  },
  (error: unknown) => send({ kind: 'not-started', error: toPlainError(error) }),
);
