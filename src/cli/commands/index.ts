/** Every CLI command, in the order `batchforge --help` lists them. */
import type { Command } from '../command.js';
import { buildCommand } from './build.js';
import { previewCommand } from './preview.js';
import { schemaCommand } from './schema.js';

export const commands: Command[] = [buildCommand, previewCommand, schemaCommand];
