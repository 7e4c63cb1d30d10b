// Runs a command as a child process and reports its wall time and peak RSS. GNU time (`/usr/bin/time -f %M`)
// reads the child's rusage from wait4; where it is missing, a two-line Python wrapper reads the same figure
// with getrusage(RUSAGE_CHILDREN). Either way the number is the kernel's high-water mark, not a sample.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch = mkdtempSync(join(tmpdir(), 'batchforge-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const rssFile = join(scratch, 'rss');

const hasGnuTime = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, 'true']).status === 0;
export const rssMethod = hasGnuTime ? '/usr/bin/time -f "%M %U %S"' : 'python3 getrusage(RUSAGE_CHILDREN)';

const PY_WRAPPER = 'import resource,subprocess,sys\n' +
  'code=subprocess.call(sys.argv[2:])\n' +
  'u=resource.getrusage(resource.RUSAGE_CHILDREN)\n' +
  'open(sys.argv[1],"w").write(f"{u.ru_maxrss} {u.ru_utime} {u.ru_stime}")\n' +
  'sys.exit(code)';

/** Runs argv to completion; resolves { seconds, cpu (user + system s), rssMB } or rejects with the child's stderr. */
export function measure(argv) {
  const wrapped = hasGnuTime
    ? ['/usr/bin/time', '-f', '%M %U %S', '-o', rssFile, ...argv]
    : ['python3', '-c', PY_WRAPPER, rssFile, ...argv];
  rmSync(rssFile, { force: true });
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(wrapped[0], wrapped.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited with ${code}\n${stderr.slice(-2000)}`));
      const [kb, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      resolve({ seconds, cpu: user + sys, rssMB: kb / 1024 });
    });
  });
}

/** Median, min and max of the runs' seconds, the median run's CPU seconds, and the largest peak RSS. */
export function summarize(runs) {
  const s = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  const cpu = runs.map((r) => r.cpu).sort((a, b) => a - b);
  return { median, min: s[0], max: s.at(-1), cpu: cpu[mid], rssMB: Math.max(...runs.map((r) => r.rssMB)) };
}
