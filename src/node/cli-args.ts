import { UsageError } from './input-files';

/** What `pocket-lakehouse run` was asked to do. */
export interface RunArgs {
  command: 'run';
  /** A folder of Olist files, one CSV, or the Kaggle zip. */
  input: string;
  /** The folder the lakehouse is written to (created when missing). */
  lake: string;
}

/** The usage text. */
export const USAGE = `Usage: pocket-lakehouse run <folder of Olist files | the Kaggle zip | a CSV> --lake <dir>

Runs the Pocket Lakehouse pipeline on native DuckDB: ingests the Olist files into Bronze (each file
once), then runs the Silver and Gold models, writing Delta Lake tables to <dir>/tables/<layer>/<name>.
Run it again with new files and only what is new is ingested and recomputed.

Options:
  --lake <dir>   where the lakehouse is written (required)
  -h, --help     show this text`;

/** Parse the command line; throws UsageError saying what is wrong, or returns null for --help. */
export function parseArgs(argv: string[]): RunArgs | null {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) return null;
  const [command, ...rest] = argv;
  if (command !== 'run') throw new UsageError(`Unknown command "${command}"; the command is "run"`);
  let lake: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--lake') {
      lake = rest[++i];
      if (lake === undefined) throw new UsageError('--lake needs a folder: --lake <dir>');
    } else if (arg.startsWith('--lake=')) lake = arg.slice('--lake='.length);
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1)
    throw new UsageError(
      positional.length === 0
        ? 'Give the Olist files: a folder, the Kaggle zip or a CSV'
        : `Give one input (a folder, the Kaggle zip or a CSV), not ${positional.length}`,
    );
  if (!lake) throw new UsageError('Give the lakehouse folder: --lake <dir>');
  return { command: 'run', input: positional[0], lake };
}
