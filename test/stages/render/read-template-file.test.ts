/** Template and partial files: a BOM is dropped, UTF-16 is decoded, invalid UTF-8 is refused with its line. */
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { BatchforgeError, formatProblem } from '../../../src/errors/index.js';
import { prepare } from '../../../src/pipeline/build.js';
import { row } from '../../support/plan.js';
import { writeTree } from '../../support/tree.js';

const CONFIG = 'model: m\nsource: { path: data/rows.csv }\nmessages:\n  - role: system\n    template: templates/system.hbs\n  - role: user\n    content: "{{> tone}}{{q}}"\n';

async function contents(system: string | Buffer, tone: string | Buffer): Promise<string[]> {
  const cwd = writeTree({ 'batch.config.yaml': CONFIG, 'data/rows.csv': 'q\nx\n', 'templates/system.hbs': system, 'templates/partials/tone.hbs': tone });
  const res = await loadConfig({ cwd });
  if (!res.config) return res.problems.map((p) => formatProblem(p, { hints: false }));
  try {
    const [group] = (await prepare(res.config)).groups;
    const line = JSON.parse(group!.variants[0]!.plan.render(row({ q: 'Q?' })).line) as { body: { messages: Array<{ content: string }> } };
    return line.body.messages.map((m) => m.content);
  } catch (e) {
    if (!(e instanceof BatchforgeError)) throw e;
    return e.problems.map((p) => formatProblem(p, { hints: false }));
  }
}

const utf16 = (text: string, bom: number[], big: boolean) => {
  const le = Buffer.from(text, 'utf16le');
  if (big) for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from(bom), le]);
};

describe('reading template files', () => {
  test('a UTF-8 byte order mark is dropped from templates and partials', async () => {
    expect(await contents('\uFEFFBe brief.', '\uFEFFKind: ')).toEqual(['Be brief.', 'Kind: Q?']);
  });

  test('UTF-16 files with their BOM are decoded, little- and big-endian', async () => {
    expect(await contents(utf16('Réponds brièvement.', [0xff, 0xfe], false), utf16('Ton: ', [0xfe, 0xff], true))).toEqual(['Réponds brièvement.', 'Ton: Q?']);
  });

  test('a U+FEFF inside the text is kept: only a leading BOM is a mark', async () => {
    expect(await contents('a\uFEFFb', 't')).toEqual(['a\uFEFFb', 'tQ?']);
  });

  test('bytes that are not UTF-8 are refused with the file and the line', async () => {
    const latin1 = Buffer.from('line one\ncaf\xe9 au lait\n', 'latin1');
    expect(await contents(latin1, 't')).toEqual(['templates/system.hbs:2: template file templates/system.hbs is not valid UTF-8']);
    expect(await contents('ok', Buffer.from([0x61, 0x0a, 0x0a, 0xff]))).toEqual(['templates/partials/tone.hbs:3: template file templates/partials/tone.hbs is not valid UTF-8']);
  });
});
