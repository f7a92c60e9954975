import { Crc32 } from '../../share/crc32';
import type { StreamingStorage } from '../storage/streaming';
import type { InputEntry } from './input-entries';
import { errorMessage } from '../../engine/error-message';

/**
 * Copy one entry into storage chunk by chunk (never whole in memory), checking its size and, for
 * a zip entry, its CRC-32. Resolves with a problem in words when the bytes are not what the entry
 * announced (nothing is left at `target` then), else null.
 */
export async function copyEntry(
  storage: StreamingStorage,
  entry: InputEntry,
  target: string,
  onBytes: (n: number) => void,
): Promise<string | null> {
  const writer = await storage.createWriter(target);
  const crc = entry.crc32 === undefined ? null : new Crc32();
  let bytes = 0;
  try {
    const reader = (await entry.stream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      crc?.update(value);
      await writer.write(value);
      onBytes(value.byteLength);
    }
  } catch (error) {
    await writer.abort();
    return `${entry.path} cannot be read (${errorMessage(error)})`;
  }
  if (bytes !== entry.size) {
    await writer.abort();
    return `${entry.path} holds ${bytes} bytes, not the ${entry.size} announced`;
  }
  if (crc && crc.value() !== entry.crc32) {
    await writer.abort();
    return `${entry.path} is damaged: its CRC-32 does not match`;
  }
  await writer.close();
  return null;
}
