/** Every CLI command, in the order `batchforge --help` lists them; each module loads on use. */
import { holdYoungGeneration } from '../../util/young-generation.js';
import type { CommandEntry } from '../command.js';

const lifecycle = async () => (await import('./lifecycle-config.js')).configDeps;

export const commands: CommandEntry[] = [
  {
    name: 'init',
    summary: 'scaffold a working project (config, sample CSV, templates) into a folder',
    load: async () => (await import('./init.js')).initCommand,
  },
  {
    name: 'build',
    summary: 'render the config into sharded batch JSONL files and a manifest',
    load: async () => {
      // before the build's modules load, which grew the young generation to 8 MB semi-spaces
      // (util/young-generation.ts; the build lets it grow for a group read on one thread)
      holdYoungGeneration();
      return (await import('./build.js')).buildCommand;
    },
  },
  {
    name: 'preview',
    summary: "render the first requests (or one row's request) and print them; writes nothing",
    load: async () => (await import('./preview.js')).previewCommand,
  },
  {
    name: 'stats',
    summary: 'dry run: rows, requests, shards, tokens and a batch-price cost estimate; writes nothing',
    load: async () => (await import('./stats.js')).statsCommand,
  },
  {
    name: 'validate',
    summary: 'check batch JSONL files (any provider, made by batchforge or not) before upload',
    load: async () => (await import('./validate.js')).validate,
  },
  {
    name: 'submit',
    summary: 'upload the built shards and create one batch per shard',
    load: async () => (await import('./submit.js')).createSubmitCommand(await lifecycle()),
  },
  {
    name: 'status',
    summary: 'show the state and request counts of the submitted batches',
    load: async () => (await import('./status.js')).createStatusCommand(await lifecycle()),
  },
  {
    name: 'collect',
    summary: 'download the results of finished batches and join them to the source rows',
    load: async () => {
      const deps = await lifecycle();
      return (await import('./collect.js')).createCollectCommand({ ...deps, streamRequests: deps.streamRequests! });
    },
  },
  {
    name: 'retry',
    summary: 'write the failed, expired and missing requests as new shards, ready to submit',
    load: async () => (await import('./retry.js')).createRetryCommand(await lifecycle()),
  },
  {
    name: 'schema',
    summary: 'print the JSON Schema of batch.config.yaml (for editors)',
    load: async () => (await import('./schema.js')).schemaCommand,
  },
];
