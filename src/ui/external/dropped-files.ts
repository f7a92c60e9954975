import type { OpenInput } from '../../service/contract';
import { inputOf } from './external-run.svelte';

/**
 * The files of a drop, folders walked (`webkitGetAsEntry`), each with its path from the dropped
 * folder's own name: what `<input webkitdirectory>` gives for the same folder.
 */
export async function droppedInputs(transfer: DataTransfer): Promise<OpenInput[]> {
  const entries = [...transfer.items]
    .map((item) => item.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => e !== null && e !== undefined);
  if (entries.length === 0) return [...transfer.files].map((f) => inputOf(f));
  const inputs: OpenInput[] = [];
  for (const entry of entries) await walk(entry, entry.name, inputs);
  return inputs;
}

async function walk(entry: FileSystemEntry, path: string, into: OpenInput[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    into.push(inputOf(file, path));
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries gives a directory's entries a batch at a time, until an empty batch.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, `${path}/${child.name}`, into);
  }
}
