/**
 * One render environment per build: the built-in helpers, and partials from
 * templates/partials/*.hbs beside the config (file name without .hbs = partial name; sub-folders
 * give names like `shots/geography`). Partials are read, checked and compiled once; Handlebars
 * is prepared only if some template needs it.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { TemplateText } from '../../config/resolved.js';
import { BatchforgeError, type Problem } from '../../errors/index.js';
import { displayPath } from '../../util/paths.js';
import { compileUnit, type CompiledUnit, type PartialRunner } from './compile-program.js';
import { helpers } from './helpers.js';
import { type HandlebarsFallback, prepareHandlebars } from './prepare-handlebars.js';
import { readTemplateFile } from './read-template-file.js';
import { parseTemplate } from './template.js';

export interface Partial extends TemplateText {
  file: string;
}

export interface RenderEnvironment {
  /** partial name → its file, read once */
  partials: Map<string, Partial>;
  /** partial name → its compiled form; undefined when it is left to Handlebars */
  units: Map<string, CompiledUnit | undefined>;
  /** resolves a partial when called */
  runPartial: PartialRunner;
  /** Handlebars, prepared on first use */
  handlebars(): HandlebarsFallback;
}

export const PARTIALS_DIR = path.join('templates', 'partials');

function readPartials(configDir: string, cwd: string, problems: Problem[]): Map<string, Partial> {
  const partials = new Map<string, Partial>();
  const root = path.join(configDir, PARTIALS_DIR);
  if (!existsSync(root)) return partials;
  const walk = (dir: string) => {
    for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(full);
      else if (ent.name.endsWith('.hbs')) {
        const name = path.relative(root, full).slice(0, -4).split(path.sep).join('/');
        const display = displayPath(full, cwd);
        const read = readTemplateFile(full, display);
        if ('problem' in read) problems.push(read.problem);
        else partials.set(name, { text: read.text, name: display, file: full, location: { file: display } });
      }
    }
  };
  walk(root);
  return partials;
}

export function createEnvironment(configDir: string, cwd: string): RenderEnvironment {
  const problems: Problem[] = [];
  const partials = readPartials(configDir, cwd, problems);
  return environmentOf(partials, problems);
}

/**
 * The environment of partials already read: a worker thread's, from the partials the build read
 * (a worker never reads a template file again, so it renders what this thread checked).
 */
export function environmentOf(partials: Map<string, Partial>, problems: Problem[] = []): RenderEnvironment {
  const units = new Map<string, CompiledUnit | undefined>();
  const runPartial: PartialRunner = (name) => {
    let run: CompiledUnit['run'] | undefined;
    return (ctx, data) => (run ??= units.get(name)!.run)(ctx, data);
  };
  let fallback: HandlebarsFallback | undefined;
  const env: RenderEnvironment = { partials, units, runPartial, handlebars: () => (fallback ??= prepareHandlebars(partials)) };
  for (const [name, p] of partials) {
    const parsed = parseTemplate(env, p);
    if (parsed instanceof Array) problems.push(...parsed);
    else units.set(name, compileUnit(parsed, p, helpers, runPartial));
  }
  if (problems.length) throw new BatchforgeError(problems);
  return env;
}

/**
 * Whether every partial reachable from `names` is compiled (a template that includes one left to
 * Handlebars runs on Handlebars whole), and whether any of them reads @-variables.
 */
export function partialsOf(env: RenderEnvironment, names: readonly string[]): { compiled: boolean; usesData: boolean } {
  const seen = new Set<string>();
  const todo = [...names];
  let usesData = false;
  while (todo.length) {
    const name = todo.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const unit = env.units.get(name);
    if (!unit) return { compiled: false, usesData };
    usesData ||= unit.usesData;
    todo.push(...unit.partials);
  }
  return { compiled: true, usesData };
}
