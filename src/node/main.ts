import { LakehouseError } from '../engine/errors';
import { parseArgs, USAGE } from './cli-args';
import { UsageError } from './input-files';
import { runCommand } from './run-command';

/** The command line's entry (bin/pocket-lakehouse.mjs loads it): resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (!args) {
      console.log(USAGE);
      return 0;
    }
    return await runCommand(args, { line: (text) => console.log(text) });
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof LakehouseError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
