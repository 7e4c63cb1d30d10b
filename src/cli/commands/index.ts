/** Every CLI command, in the order `batchforge --help` lists them. */
import type { Command } from '../command.js';
import { buildCommand } from './build.js';
import { retryCommand } from './retry.js';
import { schemaCommand } from './schema.js';
import { statusCommand } from './status.js';
import { submitCommand } from './submit.js';
import { validate } from './validate.js';

// collect joins in once the pipeline's streamRequests is wired: createCollectCommand({ streamRequests })
export const commands: Command[] = [buildCommand, validate, submitCommand, statusCommand, retryCommand, schemaCommand];
