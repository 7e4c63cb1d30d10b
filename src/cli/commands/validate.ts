/**
 * `batchforge validate FILE… [--provider NAME] [--json] [--strict]`: lint batch JSONL files before
 * upload. Findings go to stdout (one per line, or one JSON document with --json), the summary to
 * stderr; exit 1 on any error (or warning with --strict), 0 when clean.
 */
import { formatProblem, type Problem } from '../../errors/index.js';
import { lintFiles } from '../../lint/index.js';
import type { Command } from '../command.js';
import { formatCount } from '../../util/format-count.js';

const n = formatCount;
const plural = (count: number, word: string) => `${n(count)} ${word}${count === 1 ? '' : 's'}`;

/** --json keeps one flat record per finding; `line` is 0 for a finding about the whole file. */
function findingJson(p: Problem) {
  return { file: p.location!.file, line: p.location!.line ?? 0, severity: p.severity, code: p.code, message: p.message };
}

export const validate: Command = {
  name: 'validate',
  usage: `Usage: batchforge validate FILE… [--provider NAME] [--api-version V] [--json] [--strict]

Checks each JSONL batch file line by line: UTF-8 and JSON, the line shape of the provider,
request ids (rule and duplicates), one url and model per file where the provider needs it,
request bodies against their endpoint, and the provider's file limits.

Options:
  --provider NAME  check against this provider or line family (default: what the first line implies)
  --api-version V  anthropic: the API version the file will be sent with (default 2026-10-21)
  --json           print {"files":[…],"findings":[…]} on stdout instead of text
  --strict         exit 1 on warnings too

Exit codes: 0 clean, 1 findings that fail the check, 2 usage error (unknown provider, missing file).`,
  options: {
    provider: { type: 'string' },
    'api-version': { type: 'string' },
    json: { type: 'boolean' },
    strict: { type: 'boolean' },
  },
  positionals: true,

  async run(args, io) {
    const provider = args.values.provider;
    const strict = args.values.strict === true;
    const apiVersion = args.values['api-version'];
    const result = await lintFiles(
      args.positionals,
      { strict, ...(typeof provider === 'string' && { provider }), ...(typeof apiVersion === 'string' && { apiVersion }) },
      io.cwd,
    );
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    const warnings = result.findings.length - errors;

    if (args.values.json === true) {
      io.stdout.write(`${JSON.stringify({ files: result.files, findings: result.findings.map(findingJson) })}\n`);
    } else {
      // chunks of lines, not one write per finding nor one string of a million lines; no hints:
      // a file's findings repeat by the thousand, and their messages say what the file needs
      let out = '';
      for (const p of result.findings) {
        out += `${formatProblem(p, { hints: false, color: io.color })}\n`;
        if (out.length > 65536) {
          io.stdout.write(out);
          out = '';
        }
      }
      if (out) io.stdout.write(out);
    }

    const lines = result.files.reduce((sum, f) => sum + f.lines, 0);
    io.stderr.write(
      `${plural(result.files.length, 'file')}, ${plural(lines, 'line')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`,
    );
    return errors > 0 || (strict && warnings > 0) ? 1 : 0;
  },
};
