import { configJsonSchemaText } from '../../config/json-schema.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

export const schemaCommand: Command = {
  name: 'schema',
  usage: `batchforge schema

  Prints the JSON Schema of the config. The repository commits it as batch.config.schema.json;
  a config's first line \`# yaml-language-server: $schema=./batch.config.schema.json\` makes
  editors complete and check keys.`,
  options: {},
  async run(_args, io) {
    io.stdout.write(configJsonSchemaText());
    return EXIT.ok;
  },
};
