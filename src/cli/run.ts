/**
 * The one CLI boundary: parses argv, dispatches to a command, and turns what comes back into
 * text and an exit code. A BatchforgeError is a user error (message, no stack); anything else is
 * a bug, shown with its stack only under --debug.
 */
import { parseArgs } from 'node:util';
import { BatchforgeError, E, exitCodeFor, osProblem, problem } from '../errors/index.js';
import { suggest } from '../util/suggest.js';
import { VERSION } from '../version.js';
import type { Command, Io } from './command.js';
import { commands } from './commands/index.js';
import { EXIT } from './exit-codes.js';
import { printProblems } from './print.js';

const GLOBAL = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const;

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `batchforge ${VERSION}: build LLM batch-API JSONL files from a checked-in config

Usage: batchforge <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`batchforge <command> --help\` for a command's options.
Exit codes: 0 ok, 1 data or validation errors, 2 usage or config errors, 3 internal error.
`;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(helpText());
      return name === undefined ? EXIT.config : EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const entry = commands.find((c) => c.name === name);
    if (!entry) {
      throw new BatchforgeError(problem(E.UnknownCommand, { command: name, suggestion: suggest(name, commands.map((c) => c.name)) }));
    }
    const command = await entry.load();
    const args = parse(command, rest);
    if (args.values.help) {
      io.stdout.write(command.usage + '\n');
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof BatchforgeError) {
      printProblems(io, e.problems);
      return exitCodeFor(e.problems) || EXIT.data;
    }
    // a path the user named that is a file, read-only, full…: their error, not a bug
    const os = osProblem(e, io.cwd, 'a file');
    if (os) {
      printProblems(io, [os]);
      return EXIT.config;
    }
    const err = e as Error;
    io.stderr.write(`internal error: ${err?.message ?? String(e)}\n`);
    io.stderr.write(debug && err?.stack ? `${err.stack}\n` : '  this is a bug in batchforge: run again with --debug and report the stack trace\n');
    return EXIT.internal;
  }
}

/**
 * argv against the command's options. parseArgs runs non-strict and its tokens are checked here,
 * so that each kind of mistake is its own catalogue entry rather than node's sentence.
 */
function parse(command: Command, argv: string[]) {
  const options = { ...GLOBAL, ...command.options };
  const { values, positionals, tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  const longNames = Object.keys(options).map((name) => `--${name}`);
  for (const token of tokens) {
    if (token.kind === 'positional' && !command.positionals) {
      throw new BatchforgeError(problem(E.UnexpectedArgument, { command: command.name, argument: token.value }));
    }
    if (token.kind !== 'option') continue;
    const spec = (options as Record<string, { type: 'string' | 'boolean' } | undefined>)[token.name];
    if (!spec) {
      const suggestion = token.rawName.startsWith('--') ? suggest(token.rawName, longNames) : undefined;
      throw new BatchforgeError(problem(E.UnknownOption, { command: command.name, option: token.rawName, suggestion }));
    }
    if (spec.type === 'string' && token.value === undefined) {
      throw new BatchforgeError(problem(E.OptionNeedsValue, { command: command.name, option: token.rawName }));
    }
    if (spec.type === 'boolean' && token.inlineValue) {
      throw new BatchforgeError(problem(E.OptionTakesNoValue, { command: command.name, option: token.rawName }));
    }
  }
  return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
}
