import type { Progress } from '../../engine/types';
import type { Storage } from '../../lake/storage/types';
import { LandingZone } from '../landing/landing-zone';
import { sha256Hex } from '../landing/sha256';
import { generateOlist, type GenerateOptions, type GeneratedFile } from './olist-generator';

/** One generated file in the landing zone. */
export interface LandedFile {
  name: string;
  path: string;
  bytes: number;
}

/** What a generation produced and how long it took. */
export interface GenerationResult {
  files: LandedFile[];
  /** Building the nine files. */
  generateMs: number;
  /** Writing them to the landing zone. */
  landMs: number;
}

/**
 * Generate the nine Olist CSVs and land them in `landing/olist/`, as an upload of the Kaggle files
 * would. All nine are built before the first is landed, so a generation stopped midway leaves
 * the landing zone as it was.
 */
export async function generateToLanding(
  storage: Storage,
  options: GenerateOptions,
  onProgress?: (progress: Progress) => void,
): Promise<GenerationResult> {
  const started = performance.now();
  const files: GeneratedFile[] = [];
  for (const file of generateOlist(options, (step, done, total) =>
    onProgress?.({ step, done, total, unit: 'steps' }),
  )) {
    files.push(file);
    // Let the progress message out between files (the generator itself is synchronous).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const generated = performance.now();
  const landing = new LandingZone(storage);
  const landed: LandedFile[] = [];
  const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
  let done = 0;
  for (const file of files) {
    onProgress?.({ step: `Landing ${file.name}`, done, total, unit: 'bytes' });
    const path = await landing.landOlist(file.name, file.bytes, await sha256Hex(file.bytes));
    landed.push({ name: file.name, path, bytes: file.bytes.length });
    done += file.bytes.length;
  }
  onProgress?.({ step: 'Generated files landed', done, total, unit: 'bytes' });
  return { files: landed, generateMs: generated - started, landMs: performance.now() - generated };
}
