/** Every CLI command, in the order `batchforge --help` lists them. */
import type { Command } from '../command.js';
import { buildCommand } from './build.js';
import { initCommand } from './init.js';
import { previewCommand } from './preview.js';
import { schemaCommand } from './schema.js';
import { statsCommand } from './stats.js';

export const commands: Command[] = [buildCommand, previewCommand, statsCommand, initCommand, schemaCommand];
