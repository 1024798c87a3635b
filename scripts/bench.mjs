// npm run bench [-- --runs N] [-- --node PATH]   (--ab REF: bench-ab.mjs; --herd N: bench-herd.mjs)
//
// Wall time of the bundled root action's happy path as a whole process (`node dist/main/index.js`,
// as the runner starts it: INPUT_* variables, the file-command files, AWS_ENDPOINT_URL pointing at
// the in-process loopback STS server), next to `node -e 0` on the same machine in the same run,
// interleaved so that machine noise hits both alike; then the key-age action and the post step,
// and the byte size of each bundle. Prints numbers and whether the targets are met; exits non-zero
// only when a run failed (a bench of a failing path measures nothing), never for a missed target.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BUNDLES, REPO_ROOT, ensureBuilt, startWorld } from './fixture.mjs';
import { BASELINE_CASE, projectCases, refreshCase } from './bench-cases.mjs';
import { ms, nodeVersion, prepareJob, reportFailures, stats } from './bench-process.mjs';

const TARGET_RATIO = 2.0;
const TARGET_MAIN_BYTES = 1_000_000;

const mode = process.argv
  .slice(2)
  .map((arg) => arg.split('=')[0])
  .find((flag) => flag === '--herd' || flag === '--ab');
if (mode) {
  await import(mode === '--herd' ? './bench-herd.mjs' : './bench-ab.mjs');
  process.exit();
}
const { runs, node } = parseArguments(process.argv.slice(2));
const extraRuns = Math.max(5, Math.ceil(runs / 2));

function parseArguments(args) {
  let runCount = 25;
  let nodeBinary = process.execPath;
  for (let i = 0; i < args.length; i += 1) {
    const [flag, inline] = args[i].split('=', 2);
    const value = () => inline ?? args[++i];
    if (flag === '--runs') runCount = Number(value());
    else if (flag === '--node') nodeBinary = path.resolve(value() ?? '');
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: npm run bench [-- --runs N (default 25, at least 20 for the ratio)] [-- --node PATH (another Node.js binary)]');
      console.log(
        '       npm run bench -- --ab REF [--peer DIR] [--runs N] [--node PATH]   (this tree against a git archive of REF, paired)',
      );
      console.log('       npm run bench -- --herd N [--peer DIR/dist/index.js] [--node PATH]   (N runs at once against a throttled STS)');
      process.exit(0);
    } else {
      console.error(`unknown argument ${args[i]} (try --help)`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(runCount) || runCount < 1) {
    console.error('--runs must be a whole number ≥ 1');
    process.exit(2);
  }
  return { runs: runCount, node: nodeBinary };
}

const verdict = (met) => (met ? 'MET' : 'NOT MET');

const failures = [];
const tempRoot = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
let server;
try {
  await ensureBuilt((line) => console.log(line));
  const version = await nodeVersion(node, REPO_ROOT);
  server = await startWorld({ keyAgeDays: 10, lastUsedDaysAgo: 1 });

  const job = await prepareJob(tempRoot, server.url);
  const kinds = { baseline: BASELINE_CASE, ...(await projectCases(REPO_ROOT, 'main')), mainRefresh: await refreshCase(REPO_ROOT) };
  const samples = Object.fromEntries(Object.keys(kinds).map((kind) => [kind, []]));

  async function measure(kind, { record = true } = {}) {
    const result = await job.measure(node, kinds[kind]);
    if (result.problem) failures.push(result.problem);
    else if (record) samples[kind].push(result.ms);
  }

  const loadBefore = os.loadavg()[0].toFixed(2);
  console.log(`Node.js ${version} (${node}) on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${os.platform()} ${os.release()}`);
  console.log(`Each action runs as a whole process (spawn → exit) against the loopback STS/IAM server in this process.`);
  console.log(
    `${runs} runs each of the main step and node -e 0, alternating (one untimed warm-up each); ${extraRuns} each of key-age, post and the main step with refresh-credentials.`,
  );

  for (const kind of Object.keys(kinds)) await measure(kind, { record: false });
  const assumeRolesBefore = server.requests.filter((request) => request.action === 'AssumeRole').length;
  for (let i = 0; i < runs; i += 1) {
    // Alternate which goes first too, so neither always follows the other.
    const order = i % 2 === 0 ? ['baseline', 'main'] : ['main', 'baseline'];
    for (const kind of order) await measure(kind);
  }
  const assumeRoles = server.requests.filter((request) => request.action === 'AssumeRole').length - assumeRolesBefore;
  for (let i = 0; i < extraRuns; i += 1) {
    for (const kind of i % 2 === 0 ? ['keyAge', 'post', 'mainRefresh'] : ['mainRefresh', 'post', 'keyAge']) await measure(kind);
  }

  const base = stats(samples.baseline);
  console.log();
  console.log('── Wall time, ms (spawn → exit) ──');
  console.log(`${'process'.padEnd(46)} runs     min  median     p90     max   ÷ node -e 0`);
  for (const kind of ['baseline', 'main', 'mainRefresh', 'post', 'keyAge']) {
    if (samples[kind].length === 0) continue;
    const s = stats(samples[kind]);
    const ratio = kind === 'baseline' ? '' : `   ${(s.median / base.median).toFixed(2)}×`;
    console.log(
      `${kinds[kind].label.padEnd(46)} ${String(s.n).padStart(4)} ${ms(s.min)} ${ms(s.median)} ${ms(s.p90)} ${ms(s.max)}${ratio}`,
    );
  }
  console.log(`STS AssumeRole calls during the ${runs} timed main runs: ${assumeRoles} (expected ${runs}: one per run)`);

  console.log();
  console.log('── Targets ──');
  if (samples.main.length > 0 && base.n > 0) {
    const ratio = stats(samples.main).median / base.median;
    console.log(
      `happy-path median ÷ node -e 0 median: ${ratio.toFixed(2)}×   target ≤ ${TARGET_RATIO.toFixed(1)}×   ${verdict(ratio <= TARGET_RATIO)}${runs < 20 ? '  (fewer than 20 runs: indicative only)' : ''}`,
    );
    console.log(
      `  (ratio of the minimums, less sensitive to a busy machine: ${(stats(samples.main).min / base.min).toFixed(2)}×; load average ${loadBefore} before, ${os.loadavg()[0].toFixed(2)} after, on ${os.cpus().length} cores)`,
    );
  }
  const sizes = {};
  for (const [name, bundle] of Object.entries(BUNDLES)) sizes[name] = (await stat(path.join(REPO_ROOT, bundle))).size;
  console.log(
    `main bundle ${BUNDLES.main}: ${(sizes.main / 1e6).toFixed(2)} MB   target ≤ ${(TARGET_MAIN_BYTES / 1e6).toFixed(1)} MB   ${verdict(sizes.main <= TARGET_MAIN_BYTES)}`,
  );

  console.log();
  console.log('── Bundle sizes (1 MB = 1,000,000 bytes) ──');
  for (const [name, bundle] of Object.entries(BUNDLES)) {
    console.log(
      `${bundle.padEnd(24)} ${sizes[name].toLocaleString('en-US').padStart(11)} bytes  ${(sizes[name] / 1e6).toFixed(2).padStart(5)} MB`,
    );
  }
  // Chunks webpack split off an entry (loaded only on demand; see build-stubs/README.md).
  for (const bundle of Object.values(BUNDLES)) {
    const folder = path.dirname(bundle);
    for (const file of (await readdir(path.join(REPO_ROOT, folder))).filter((name) => /^\d+\.index\.js$/.test(name))) {
      const { size } = await stat(path.join(REPO_ROOT, folder, file));
      console.log(
        `${path.join(folder, file).padEnd(24)} ${size.toLocaleString('en-US').padStart(11)} bytes  ${(size / 1e6).toFixed(2).padStart(5)} MB  (a chunk loaded only on demand)`,
      );
    }
  }
} catch (error) {
  failures.push(`the bench stopped: ${error?.code === 'ENOENT' ? error.message : (error?.stack ?? error)}`);
} finally {
  await server?.close();
  await rm(tempRoot, { recursive: true, force: true });
}

reportFailures(failures);
