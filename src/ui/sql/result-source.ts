import type { EngineClient } from '../engine-client';

/** What the result panel asks of the worker about a kept result: its rows a window at a time, its files. */
export type ResultSource = Pick<EngineClient['console'], 'rows' | 'download'>;
