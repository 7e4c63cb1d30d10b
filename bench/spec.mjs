// The one request shape all three contenders must produce. batchforge reads it from the config written here;
// seed.py and baseline.mjs hard-code the same thing (as hand-written scripts do), and run.mjs checks that the
// outputs agree line by line, so any drift between them shows up as a verification failure.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SYSTEM_TEMPLATE =
  'You are a patient tutor for {{topic}}. Answer in at most three sentences and cite the context when you use it.';
export const MAX_BYTES = 100_000_000;
export const MAX_LINES = 50_000;

const CONFIG = `provider: openai
model: gpt-4o-mini
endpoint: /v1/chat/completions
params:
  temperature: 0.2
  max_tokens: 256
source:
  path: questions.csv
custom_id: "q-{{id}}"
messages:
  - role: system
    template: system.hbs
  - role: user
    content: "Topic: {{topic}}\\nQuestion: {{question}}\\nContext: {{context}}"
output:
  dir: out-batchforge
  max_bytes: 100MB
  max_lines: 50000
`;

/** Writes batch.config.yaml and system.hbs beside the data; returns the config path. */
export function writeConfig(dir) {
  writeFileSync(join(dir, 'system.hbs'), SYSTEM_TEMPLATE);
  const path = join(dir, 'batch.config.yaml');
  writeFileSync(path, CONFIG);
  // the same config writing elsewhere, for the `build --single-thread` contender
  writeFileSync(join(dir, 'single.config.yaml'), CONFIG.replace('dir: out-batchforge', 'dir: out-batchforge-single'));
  return path;
}
