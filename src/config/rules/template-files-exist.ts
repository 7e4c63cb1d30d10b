import { existsSync } from 'node:fs';
import path from 'node:path';
import { E, problem } from '../../errors/index.js';
import { displayPath } from '../../util/paths.js';
import type { Rule } from './rule.js';

/** Every `template:` file named by a message exists beside the config. */
export const templateFilesExist: Rule = (entry, ctx) => {
  entry.messages?.forEach((m, i) => {
    if (m.template === undefined) return;
    const file = path.resolve(ctx.dir, m.template);
    if (!existsSync(file)) ctx.error(problem(E.TemplateFileMissing, { file: displayPath(file, ctx.cwd) }), [...entry.where('messages'), i, 'template']);
  });
};
