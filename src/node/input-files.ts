import { openAsBlob } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { UploadFile } from '../sources/archive/upload-entries';

/** What a command-line input can hold: the files the app's upload accepts. */
const CANDIDATE = /\.(csv|tsv|txt|zip|gz)$/i;

/** A mistake on the command line (a missing input): the message says what, the exit code is 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A file on disk as an upload: read by the same code as a browser File, never held whole. */
export async function diskFile(path: string, name = basename(path)): Promise<UploadFile> {
  const blob = await openAsBlob(path);
  return {
    name,
    size: blob.size,
    stream: () => blob.stream() as ReadableStream<Uint8Array>,
    slice: (start, end) => blob.slice(start, end),
    arrayBuffer: () => blob.arrayBuffer(),
  };
}

/**
 * The files to ingest from a command-line input: the file itself (a CSV, `.csv.gz` or the Kaggle
 * zip), or every such file in a folder and its subfolders, named by their path inside it, in name
 * order. Dot files and `__MACOSX/` are skipped, as inside a zip, and so is the folder `skip` (the lake
 * being written, when it is inside the input folder).
 */
export async function inputFiles(input: string, skip?: string): Promise<UploadFile[]> {
  const info = await stat(input).catch(() => null);
  if (!info) throw new UsageError(`${input}: no such file or folder`);
  if (info.isFile()) return [await diskFile(input)];
  const entries = await readdir(input, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((e) => e.isFile() && CANDIDATE.test(e.name))
    .filter((e) => !skip || !isInside(resolve(e.parentPath, e.name), resolve(skip)))
    .map((e) => relative(input, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((path) => !path.split('/').some((part) => part.startsWith('.') || part === '__MACOSX'))
    .sort();
  if (paths.length === 0)
    throw new UsageError(
      `${input}: no Olist files here (looked for .csv, .tsv, .txt, .gz and .zip files in it and its subfolders)`,
    );
  return Promise.all(paths.map((path) => diskFile(join(input, ...path.split('/')), path)));
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + sep);
}
