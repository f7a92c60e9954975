import * as Comlink from 'comlink';
import { installErrorTransfer } from '../src/engine/comlink-errors';
import { OpfsStorage } from '../src/lake/storage/opfs-storage';
import { generateToLanding } from '../src/sources/generator/generate-to-landing';

// The Olist generator: builds the nine CSVs off the engine worker and lands them in OPFS.
installErrorTransfer();
const api = {
  generate: generateToLanding.bind(null, new OpfsStorage()),
};
Comlink.expose(api);

export type GeneratorApi = typeof api;
