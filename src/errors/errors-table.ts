/**
 * The README's "Errors" table, derived from the catalogue: each entry's code, exit code and its
 * message with the facts shown as <placeholders>. A test compares it with README.md and
 * scripts/write-errors-table.mjs rewrites it, so the list cannot drift from the code.
 */
import { E } from './catalogue.js';

/** A stand-in for one fact: prints as `<name>`, whatever the message does with it. */
function placeholder(name: string): unknown {
  const shown = `<${name}>`;
  const asText = () => shown;
  return new Proxy(Object.create(null) as object, {
    get(_target, key) {
      if (key === Symbol.toPrimitive || key === 'toString' || key === 'toJSON' || key === 'toLocaleString') return asText;
      if (key === 'length') return 2;
      // text and list methods a message may call on a fact: the result is the placeholder again
      if (typeof key === 'string' && ['join', 'slice', 'replace', 'toUpperCase', 'toLowerCase', 'trim'].includes(key)) return asText;
      return undefined;
    },
  });
}

/** Facts for a generic message: optional parts (a suggestion, an override) are left out. */
const FACTS = new Proxy({} as Record<string, unknown>, {
  get: (_target, key) => (key === 'suggestion' ? undefined : key === 'override' ? false : placeholder(String(key))),
});

export function errorsTable(): string {
  const rows = Object.values(E).map((e) => {
    const message = (e.message as (a: unknown) => string)(FACTS).replace(/"<([a-z_]+)>"/gi, '<$1>');
    const exit = e.kind === 'data' ? 1 : 2;
    // a double-backtick code span keeps <placeholders> and the message's own `code` visible
    return `| \`${e.code}\` | ${exit} | \`\` ${message.replace(/\|/g, '\\|')} \`\` |`;
  });
  return ['| code | exit | message |', '|---|---|---|', ...rows].join('\n') + '\n';
}

/** README.md with its table between the errors-table markers replaced by `errorsTable()`. */
export function withErrorsTable(readme: string): string {
  return readme.replace(/(<!-- errors-table:start[^>]*-->\n)[\s\S]*?(<!-- errors-table:end -->)/, (_m, start: string, end: string) => start + errorsTable() + end);
}
