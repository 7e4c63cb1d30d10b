/**
 * The README's per-provider parameter tables, derived from the body declarations: for each
 * provider and endpoint, what it follows and which config params it accepts, translates and
 * refuses. A test compares them with README.md and scripts/write-params-table.mjs rewrites them,
 * so the README cannot drift from what the build and validate do.
 */
import type { BodyDeclaration } from './declaration.js';
import type { ProviderProfile } from './profile.js';
import { providers } from './registry.js';

const code = (s: string) => `\`${s}\``;

function section(p: ProviderProfile, endpoint: string, version?: string): string {
  const decl: BodyDeclaration = p.body(endpoint, version);
  const rules = Object.entries(decl.params);
  const accepted = rules.filter(([k, r]) => r.to === k).map(([k]) => code(k));
  const translated = rules.filter(([k, r]) => r.to !== undefined && r.to !== k).map(([k, r]) => `${code(k)} → ${code(r.to!)}`);
  const refused = rules.filter(([, r]) => r.to === undefined).map(([k]) => code(k));
  const others = decl.unknown === 'warning' ? 'passed on as given (validate warns)' : 'refused, with the closest known name';
  return [
    `| ${code(p.name)} | ${code(endpoint)}${version ? ` (api_version ${version})` : ''} | ${decl.follows} | ${accepted.join(', ') || '—'} | ${translated.join(', ') || '—'} | ${refused.join(', ') || '—'} | ${others} |`,
  ].join('\n');
}

export function paramsTable(): string {
  const rows: string[] = [];
  for (const p of Object.values(providers)) {
    for (const endpoint of p.endpoints) {
      // Azure's classic urls have the same bodies as its /v1 ones
      if (p.name === 'azure' && endpoint.startsWith('/v1/')) continue;
      for (const version of p.apiVersions ?? [undefined]) rows.push(section(p, endpoint, version));
    }
  }
  return ['| provider | endpoint | follows | accepted | translated | refused | other params |', '|---|---|---|---|---|---|---|', ...rows].join('\n') + '\n';
}

/** README.md with its table between the params-table markers replaced by `paramsTable()`. */
export function withParamsTable(readme: string): string {
  return readme.replace(/(<!-- params-table:start[^>]*-->\n)[\s\S]*?(<!-- params-table:end -->)/, (_m, start: string, end: string) => start + paramsTable() + end);
}
