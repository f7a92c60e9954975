import * as Comlink from 'comlink';
import { installErrorTransfer } from '../src/engine/comlink-errors';
import { OpfsStorage } from '../src/lake/storage/opfs-storage';
import { SimulatorRunner } from '../src/sources/simulator/simulator-runner';

// The clickstream simulator: writes NDJSON batches into landing/events/ in OPFS.
installErrorTransfer();
const api = new SimulatorRunner(new OpfsStorage());
Comlink.expose(api);

export type SimulatorApi = SimulatorRunner;
