import path from 'node:path';
import { init, shownDir } from '../../tools/init.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

export const initCommand: Command = {
  name: 'init',
  usage: `batchforge init [DIR]

  Writes into DIR (default: the current folder) a project that builds as it is:
    batch.config.yaml             the config, with the editor schema modeline
    batch.config.schema.json      the JSON Schema the modeline points at
    data/questions.csv            five sample rows
    templates/system.hbs          the system message, using the partial below
    templates/partials/style.hbs  a partial
    .gitignore                    ignores out/ (an existing one gets the line appended)
  Refuses to overwrite: if any of these files exists it names them, writes nothing, exits 2.`,
  options: {},
  positionals: true,
  async run({ positionals }, io) {
    const dir = positionals[0] ?? '.';
    const written = init(dir, io.cwd);
    for (const f of written) io.stderr.write(`created ${f}\n`);
    const shown = shownDir(path.resolve(io.cwd, dir), io.cwd);
    const cd = shown !== '.' ? `cd ${shown} && ` : '';
    io.stderr.write(`next: ${cd}npx batchforge preview, then npx batchforge build\n`);
    return EXIT.ok;
  },
};
