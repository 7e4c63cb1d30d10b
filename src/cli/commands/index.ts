/** Every CLI command, in the order `batchforge --help` lists them. */
import type { Command } from '../command.js';
import { buildCommand } from './build.js';
import { createCollectCommand } from './collect.js';
import { initCommand } from './init.js';
import { configDeps } from './lifecycle-config.js';
import { previewCommand } from './preview.js';
import { createRetryCommand } from './retry.js';
import { schemaCommand } from './schema.js';
import { statsCommand } from './stats.js';
import { createStatusCommand } from './status.js';
import { createSubmitCommand } from './submit.js';
import { validate } from './validate.js';

export const commands: Command[] = [
  initCommand,
  buildCommand,
  previewCommand,
  statsCommand,
  validate,
  createSubmitCommand(configDeps),
  createStatusCommand(configDeps),
  createCollectCommand({ ...configDeps, streamRequests: configDeps.streamRequests! }),
  createRetryCommand(configDeps),
  schemaCommand,
];
