/**
 * One isolated Handlebars environment per build: the built-in helpers, and partials from
 * templates/partials/*.hbs beside the config (file name without .hbs = partial name; sub-folders
 * give names like `shots/geography`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { BatchforgeError } from '../../errors/index.js';
import { displayPath } from '../../util/paths.js';
import { helpers } from './helpers.js';
import { parseTemplate } from './template.js';

export type HandlebarsEnv = typeof Handlebars;

export interface RenderEnvironment {
  hb: HandlebarsEnv;
  partials: Map<string, { file: string; display: string; text: string }>;
}

export const PARTIALS_DIR = path.join('templates', 'partials');

export function createEnvironment(configDir: string, cwd: string): RenderEnvironment {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  const partials = new Map<string, { file: string; display: string; text: string }>();
  const root = path.join(configDir, PARTIALS_DIR);
  if (existsSync(root)) {
    const walk = (dir: string) => {
      for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const full = path.join(dir, ent.name);
        if (ent.isDirectory()) walk(full);
        else if (ent.name.endsWith('.hbs')) {
          const name = path.relative(root, full).slice(0, -4).split(path.sep).join('/');
          partials.set(name, { file: full, display: displayPath(full, cwd), text: readFileSync(full, 'utf8') });
        }
      }
    };
    walk(root);
  }
  const env: RenderEnvironment = { hb, partials };
  const problems = [];
  for (const [name, p] of partials) {
    const parsed = parseTemplate(env, { text: p.text, name: p.display, file: p.file, location: { file: p.display } });
    if (parsed instanceof Array) problems.push(...parsed);
    else hb.registerPartial(name, hb.compile(parsed, { strict: true, noEscape: true }));
  }
  if (problems.length) throw new BatchforgeError(problems);
  return env;
}
