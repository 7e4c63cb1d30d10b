/**
 * Runs a provider end to end through the real render plan: a small resolved batch (what the
 * config resolver hands on) → buildPlan → one rendered line per row. Config-time problems come
 * back as the BatchforgeError's problems, as the CLI would print them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { formatKeyPath } from '../../src/config/document.js';
import type { ContentSpec, ResolvedBatch } from '../../src/config/resolved.js';
import { BatchforgeError, type Problem } from '../../src/errors/index.js';
import { getProvider } from '../../src/providers/registry.js';
import type { Row } from '../../src/stages/load/row.js';
import { createEnvironment } from '../../src/stages/render/environment.js';
import { buildPlan, type RenderedRequest, type RequestPlan } from '../../src/stages/render/plan.js';
import { RowError } from '../../src/stages/render/template.js';
import type { Json } from '../../src/stages/render/tree.js';

const dir = mkdtempSync(join(tmpdir(), 'batchforge-providers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

export const CONFIG = 'batch.config.yaml';

export interface TestBatch {
  provider: string;
  model?: string;
  endpoint?: string;
  params?: Record<string, Json>;
  api_version?: string;
  custom_id?: string;
  messages?: Array<{ role: string; content: string | Array<Record<string, unknown>>; name?: string }>;
  input?: string;
}

function resolved(b: TestBatch): ResolvedBatch {
  const provider = getProvider(b.provider);
  if (!provider) throw new Error(`no provider ${b.provider}`);
  const at = (p: ReadonlyArray<string | number>) => ({ file: CONFIG, path: formatKeyPath(p) });
  const text = (t: string, path: Array<string | number>) => ({ text: t, name: `${CONFIG} ${formatKeyPath(path)}`, location: at(path) });
  return {
    name: 'batch',
    group: 'batch',
    variant: {},
    provider,
    model: b.model ?? 'test-model',
    endpoint: b.endpoint ?? provider.defaultEndpoint,
    params: b.params ?? {},
    ...(b.api_version !== undefined && { apiVersion: b.api_version }),
    source: { patterns: ['data/rows.csv'], offset: 0 },
    customId: text(b.custom_id ?? provider.defaultCustomId ?? 'request-{{@index}}', ['custom_id']),
    ...(b.messages && {
      messages: b.messages.map((m, i) => ({
        role: m.role,
        content: (typeof m.content === 'string' ? text(m.content, ['messages', i, 'content']) : m.content) as ContentSpec,
        ...(m.name !== undefined && { name: m.name }),
        path: `messages[${i}]`,
      })),
    }),
    ...(b.input !== undefined && { input: text(b.input, ['input']) }),
    maxBytes: provider.limits.defaultMaxBytes,
    onError: 'fail',
    at,
  };
}

export function planFor(b: TestBatch): RequestPlan {
  return buildPlan(createEnvironment(dir, dir), resolved(b));
}

export function row(data: Record<string, unknown>, index = 0): Row {
  return { data, origin: { file: 'data/rows.csv', line: index + 2 }, index };
}

/** The rendered line for one row of data. */
export function render(b: TestBatch, data: Record<string, unknown> = {}, index = 0): RenderedRequest {
  return planFor(b).render(row(data, index));
}

/** The line as text. */
export function lineOf(b: TestBatch, data: Record<string, unknown> = {}): string {
  return render(b, data).line;
}

/** The problems a row fails with (a RowError's one problem). */
export function rowProblem(b: TestBatch, data: Record<string, unknown>): Problem {
  try {
    render(b, data);
  } catch (e) {
    if (e instanceof RowError) return e.problem;
    throw e;
  }
  throw new Error('the row rendered without a problem');
}

/** Config-time problems as [path, message, hint] — what the user reads. */
export function configProblems(b: TestBatch): Array<[string | undefined, string, string | undefined]> {
  try {
    planFor(b);
  } catch (e) {
    if (e instanceof BatchforgeError) return e.problems.map((p) => [p.location?.path, p.message, p.hint]);
    throw e;
  }
  return [];
}

export const user = (content: string) => ({ role: 'user', content });
export const system = (content: string) => ({ role: 'system', content });
