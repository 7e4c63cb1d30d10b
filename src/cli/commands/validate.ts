/**
 * `batchforge validate FILE… [--provider NAME] [--json] [--strict]`: lint batch JSONL files before
 * upload. Findings go to stdout (one per line, or one JSON document with --json), the summary to
 * stderr; exit 1 on any error (or warning with --strict), 0 when clean.
 */
import { type Finding, lintFiles } from '../../lint/index.js';
import type { Command } from '../command.js';

const n = (x: number) => x.toLocaleString('en-US');
const plural = (count: number, word: string) => `${n(count)} ${word}${count === 1 ? '' : 's'}`;

function formatFinding(f: Finding, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const where = f.line === 0 ? f.file : `${f.file}:${f.line}`;
  const label = f.severity === 'error' ? paint('31', 'error') : paint('33', 'warning');
  return `${where}: ${label}: ${f.message}`;
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
      io.stdout.write(`${JSON.stringify({ files: result.files, findings: result.findings })}\n`);
    } else {
      // chunks of lines, not one write per finding nor one string of a million lines
      let out = '';
      for (const f of result.findings) {
        out += `${formatFinding(f, io.color)}\n`;
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
