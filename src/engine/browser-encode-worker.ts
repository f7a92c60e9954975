import type { EncodeReply } from './encode-protocol';
import type { EncodeWorkerHandle } from './encode-worker-codec';

/** Start the Parquet encode worker as a dedicated worker of this one (workers/encode.worker.ts). */
export function spawnBrowserEncodeWorker(): EncodeWorkerHandle {
  const worker = new Worker(new URL('../../workers/encode.worker.ts', import.meta.url), {
    type: 'module',
    name: 'parquet-encode',
  });
  return {
    post: (request, transfer) => worker.postMessage(request, transfer),
    listen(onReply, onFailure) {
      worker.addEventListener('message', (event: MessageEvent<EncodeReply>) => onReply(event.data));
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        onFailure(new Error(`The Parquet encode worker stopped: ${event.message || 'it could not load'}`));
      });
      worker.addEventListener('messageerror', () =>
        onFailure(new Error('The Parquet encode worker sent a message that could not be read')),
      );
    },
    terminate: () => worker.terminate(),
  };
}
