/**
 * A CLI command is a module in cli/commands/: argv options for node:util parseArgs, a usage text,
 * and `run`, which returns an exit code and reports user errors by throwing BatchforgeError.
 * Only cli/main.ts catches, prints and exits.
 */
import type { ParseArgsConfig } from 'node:util';

export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  cwd: string;
  env: Record<string, string | undefined>;
  /** colors allowed (TTY and no NO_COLOR) */
  color: boolean;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  /** full usage text for `batchforge <name> --help` */
  usage: string;
  options: OptionSpec;
  /** whether positionals are accepted */
  positionals?: boolean;
  run(args: ParsedArgs, io: Io): Promise<number>;
}

/**
 * A command as `batchforge --help` lists it. The module is loaded only when the command runs:
 * `build` must not pay for the provider SDKs that `submit` needs (~40 MB and 0.3 s).
 */
export interface CommandEntry {
  name: string;
  /** one line for `batchforge --help` */
  summary: string;
  load(): Promise<Command>;
}
