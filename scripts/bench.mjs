// npm run bench [-- --runs N] [-- --node PATH]
//
// Wall time of the bundled root action's happy path as a whole process (`node dist/main/index.js`,
// as the runner starts it: INPUT_* variables, the file-command files, AWS_ENDPOINT_URL pointing at
// the in-process loopback STS server), next to `node -e 0` on the same machine in the same run,
// interleaved so that machine noise hits both alike; then the key-age action and the post step,
// and the byte size of each bundle. Prints numbers and whether the targets are met; exits non-zero
// only when a run failed (a bench of a failing path measures nothing), never for a missed target.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { RUN_ENVIRONMENT } from '../test/support/run-action.js';
import { BUNDLES, REGION, REPO_ROOT, ROLE_ARN, USER_KEY, ensureBuilt, startWorld } from './fixture.mjs';

const TARGET_RATIO = 2.0;
const TARGET_MAIN_BYTES = 1_000_000;

if (process.argv.slice(2).some((arg) => arg.split('=')[0] === '--herd')) {
  await import('./bench-herd.mjs');
  process.exit();
}
const { runs, node } = parseArguments(process.argv.slice(2));
const extraRuns = Math.max(5, Math.ceil(runs / 2));

const FILE_COMMANDS = { GITHUB_ENV: 'set_env', GITHUB_OUTPUT: 'set_output', GITHUB_STATE: 'save_state', GITHUB_STEP_SUMMARY: 'step_summary', GITHUB_PATH: 'add_path' };

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

/** `INPUT_<NAME>` for every input action.yml declares: the given value, else the declared default. */
async function inputEnvironment(actionYml, inputs) {
  const metadata = YAML.parse(await readFile(path.join(REPO_ROOT, actionYml), 'utf8'));
  const env = {};
  for (const [name, spec] of Object.entries(metadata.inputs ?? {})) {
    const value = name in inputs ? inputs[name] : String(spec?.default ?? '');
    if (value.includes('${{')) throw new Error(`${actionYml}: input ${name} has an expression default; give it a value`);
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

/** Runs a process; the clock runs from spawn to exit (stdio closed), nothing else inside it. */
function timedRun(binary, args, { env, cwd }) {
  return new Promise((resolve, reject) => {
    const stdout = [];
    const stderr = [];
    const start = process.hrtime.bigint();
    const child = spawn(binary, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      resolve({ ms, code: code ?? signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

/** A value of a GITHUB_ENV / GITHUB_OUTPUT file, in the `NAME=value` or the heredoc form. */
function fileValue(text, name) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i].startsWith(`${name}=`)) return lines[i].slice(name.length + 1);
    if (lines[i].startsWith(`${name}<<`)) {
      const delimiter = lines[i].slice(name.length + 2);
      const end = lines.indexOf(delimiter, i + 1);
      return lines.slice(i + 1, end).join('\n');
    }
  }
  return undefined;
}

/** Why a run failed, as a runner log would show it: ::error:: lines and stderr, masked. */
function failureText(result) {
  const masks = [USER_KEY.accessKeyId, USER_KEY.secretAccessKey];
  const errors = [];
  for (const line of result.stdout.split('\n')) {
    if (line.startsWith('::add-mask::')) masks.push(line.slice('::add-mask::'.length));
    else if (line.startsWith('::error')) errors.push(`Error: ${line.slice(line.indexOf('::', 2) + 2).replace(/%0A/g, '\n').replace(/%0D/g, '').replace(/%25/g, '%')}`);
  }
  let text = [...errors, result.stderr.trim()].filter(Boolean).join('\n') || '(no error printed)';
  for (const mask of masks.filter((m) => m.trim() !== '').sort((a, b) => b.length - a.length)) text = text.split(mask).join('***');
  return text;
}

/**
 * The happy path with refresh-credentials: true: the main step also starts the credentials server
 * and waits for its port. Each run's server is stopped after the clock stopped (it is this run's
 * child, by the pid its state recorded).
 */
function refreshCase(inputs) {
  return {
    label: 'root action, main, refresh-credentials: true',
    args: [path.join(REPO_ROOT, BUNDLES.main)],
    inputs,
    check: ({ env }) => (/^http:\/\/127\.0\.0\.1:\d+\//.test(fileValue(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI') ?? '') ? undefined : 'no AWS_CONTAINER_CREDENTIALS_FULL_URI in GITHUB_ENV'),
    after: (state) => {
      const { pid } = JSON.parse(fileValue(state, 'credentials-server') ?? '{}');
      if (Number.isSafeInteger(pid)) process.kill(pid, 'SIGTERM');
    },
  };
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const quantile = (q) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { n, min: sorted[0], median, p90: quantile(0.9), max: sorted[n - 1] };
}

const ms = (value) => value.toFixed(1).padStart(7);
const verdict = (met) => (met ? 'MET' : 'NOT MET');

async function nodeVersion(binary) {
  const result = await timedRun(binary, ['--version'], { env: { PATH: process.env.PATH }, cwd: REPO_ROOT });
  if (result.code !== 0) throw new Error(`${binary} --version failed`);
  return result.stdout.trim();
}

const failures = [];
const tempRoot = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
let server;
try {
  await ensureBuilt((line) => console.log(line));
  const version = await nodeVersion(node);
  server = await startWorld({ keyAgeDays: 10, lastUsedDaysAgo: 1 });

  const home = path.join(tempRoot, 'home');
  const workspace = path.join(tempRoot, 'workspace');
  await Promise.all([mkdir(home), mkdir(workspace)]);
  const eventPath = path.join(tempRoot, 'event.json');
  await writeFile(eventPath, JSON.stringify({ ref: RUN_ENVIRONMENT.GITHUB_REF, repository: { full_name: RUN_ENVIRONMENT.GITHUB_REPOSITORY } }));
  // Only what a runner gives a step: none of this machine's NODE_OPTIONS, NODE_EXTRA_CA_CERTS
  // (which alone adds tens of ms to every Node start) or AWS_* reaches the timed processes.
  const jobEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    ...RUN_ENVIRONMENT,
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_PATH: eventPath,
    RUNNER_TEMP: tempRoot,
    AWS_ENDPOINT_URL: server.url,
  };
  const keys = { 'aws-access-key-id': USER_KEY.accessKeyId, 'aws-secret-access-key': USER_KEY.secretAccessKey, 'aws-region': REGION };
  const mainInputs = await inputEnvironment('action.yml', { ...keys, 'role-to-assume': ROLE_ARN });
  const keyAgeInputs = await inputEnvironment('key-age/action.yml', keys);
  const refreshInputs = await inputEnvironment('action.yml', { ...keys, 'role-to-assume': ROLE_ARN, 'refresh-credentials': 'true' });

  const kinds = {
    baseline: { label: 'node -e 0', args: ['-e', '0'], inputs: {}, check: () => undefined },
    main: {
      label: `root action, main (${BUNDLES.main})`,
      args: [path.join(REPO_ROOT, BUNDLES.main)],
      inputs: mainInputs,
      check: ({ env }) => (/^ASIA/.test(fileValue(env, 'AWS_ACCESS_KEY_ID') ?? '') ? undefined : 'no AWS_ACCESS_KEY_ID=ASIA… in GITHUB_ENV'),
    },
    post: {
      label: `root action, post (${BUNDLES.post})`,
      args: [path.join(REPO_ROOT, BUNDLES.post)],
      inputs: { ...mainInputs, STATE_exported: 'true' },
      check: ({ env }) => (fileValue(env, 'AWS_ACCESS_KEY_ID') === '' ? undefined : 'AWS_ACCESS_KEY_ID was not blanked in GITHUB_ENV'),
    },
    mainRefresh: refreshCase(refreshInputs),
    keyAge: {
      label: `key-age action (${BUNDLES.keyAge})`,
      args: [path.join(REPO_ROOT, BUNDLES.keyAge)],
      inputs: keyAgeInputs,
      check: ({ output }) => (fileValue(output, 'status') === 'ok' ? undefined : `status output ${fileValue(output, 'status')}, expected ok`),
    },
  };
  const samples = Object.fromEntries(Object.keys(kinds).map((kind) => [kind, []]));
  let runNumber = 0;

  /** One run of `kind`, with fresh file-command files prepared before the clock starts. */
  async function measure(kind, { record = true } = {}) {
    const { args, inputs, check } = kinds[kind];
    runNumber += 1;
    const dir = path.join(tempRoot, `run-${runNumber}`);
    await mkdir(dir);
    const files = Object.fromEntries(Object.entries(FILE_COMMANDS).map(([variable, name]) => [variable, path.join(dir, name)]));
    await Promise.all(Object.values(files).map((file) => writeFile(file, '')));
    const env = { ...jobEnv, ...files, ...inputs };

    const result = await timedRun(node, args, { env, cwd: workspace });

    const problem = result.code !== 0
      ? `exit code ${result.code}`
      : check({ env: await readFile(files.GITHUB_ENV, 'utf8'), output: await readFile(files.GITHUB_OUTPUT, 'utf8') });
    await kinds[kind].after?.(await readFile(files.GITHUB_STATE, 'utf8'));
    if (problem) failures.push(`${kinds[kind].label}, run ${runNumber}: ${problem}\n${failureText(result)}`);
    else if (record) samples[kind].push(result.ms);
    await rm(dir, { recursive: true, force: true });
  }

  const loadBefore = os.loadavg()[0].toFixed(2);
  console.log(`Node.js ${version} (${node}) on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${os.platform()} ${os.release()}`);
  console.log(`Each action runs as a whole process (spawn → exit) against the loopback STS/IAM server in this process.`);
  console.log(`${runs} runs each of the main step and node -e 0, alternating (one untimed warm-up each); ${extraRuns} each of key-age and post.`);

  for (const kind of Object.keys(kinds)) await measure(kind, { record: false });
  const assumeRolesBefore = server.requests.filter((request) => request.action === 'AssumeRole').length;
  for (let i = 0; i < runs; i += 1) {
    // Alternate which goes first too, so neither always follows the other.
    const order = i % 2 === 0 ? ['baseline', 'main'] : ['main', 'baseline'];
    for (const kind of order) await measure(kind);
  }
  const assumeRoles = server.requests.filter((request) => request.action === 'AssumeRole').length - assumeRolesBefore;
  for (let i = 0; i < extraRuns; i += 1) {
    for (const kind of i % 2 === 0 ? ['keyAge', 'post'] : ['post', 'keyAge']) await measure(kind);
  }
  for (let i = 0; i < extraRuns; i += 1) await measure('mainRefresh');

  const base = stats(samples.baseline);
  console.log();
  console.log('── Wall time, ms (spawn → exit) ──');
  console.log(`${'process'.padEnd(46)} runs     min  median     p90     max   ÷ node -e 0`);
  for (const kind of ['baseline', 'main', 'mainRefresh', 'post', 'keyAge']) {
    if (samples[kind].length === 0) continue;
    const s = stats(samples[kind]);
    const ratio = kind === 'baseline' ? '' : `   ${(s.median / base.median).toFixed(2)}×`;
    console.log(`${kinds[kind].label.padEnd(46)} ${String(s.n).padStart(4)} ${ms(s.min)} ${ms(s.median)} ${ms(s.p90)} ${ms(s.max)}${ratio}`);
  }
  console.log(`STS AssumeRole calls during the ${runs} timed main runs: ${assumeRoles} (expected ${runs}: one per run)`);

  console.log();
  console.log('── Targets ──');
  if (samples.main.length > 0 && base.n > 0) {
    const ratio = stats(samples.main).median / base.median;
    console.log(`happy-path median ÷ node -e 0 median: ${ratio.toFixed(2)}×   target ≤ ${TARGET_RATIO.toFixed(1)}×   ${verdict(ratio <= TARGET_RATIO)}${runs < 20 ? '  (fewer than 20 runs: indicative only)' : ''}`);
    console.log(`  (ratio of the minimums, less sensitive to a busy machine: ${(stats(samples.main).min / base.min).toFixed(2)}×; load average ${loadBefore} before, ${os.loadavg()[0].toFixed(2)} after, on ${os.cpus().length} cores)`);
  }
  const sizes = {};
  for (const [name, bundle] of Object.entries(BUNDLES)) sizes[name] = (await stat(path.join(REPO_ROOT, bundle))).size;
  console.log(`main bundle ${BUNDLES.main}: ${(sizes.main / 1e6).toFixed(2)} MB   target ≤ ${(TARGET_MAIN_BYTES / 1e6).toFixed(1)} MB   ${verdict(sizes.main <= TARGET_MAIN_BYTES)}`);

  console.log();
  console.log('── Bundle sizes (1 MB = 1,000,000 bytes) ──');
  for (const [name, bundle] of Object.entries(BUNDLES)) {
    console.log(`${bundle.padEnd(24)} ${sizes[name].toLocaleString('en-US').padStart(11)} bytes  ${(sizes[name] / 1e6).toFixed(2).padStart(5)} MB`);
  }
  // Chunks webpack split off an entry (loaded only on demand; see build-stubs/README.md).
  for (const bundle of Object.values(BUNDLES)) {
    const folder = path.dirname(bundle);
    for (const file of (await readdir(path.join(REPO_ROOT, folder))).filter((name) => /^\d+\.index\.js$/.test(name))) {
      const { size } = await stat(path.join(REPO_ROOT, folder, file));
      console.log(`${path.join(folder, file).padEnd(24)} ${size.toLocaleString('en-US').padStart(11)} bytes  ${(size / 1e6).toFixed(2).padStart(5)} MB  (a chunk loaded only on demand)`);
    }
  }
} catch (error) {
  failures.push(`the bench stopped: ${error?.code === 'ENOENT' ? error.message : (error?.stack ?? error)}`);
} finally {
  await server?.close();
  await rm(tempRoot, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error();
  console.error(`✘ ${failures.length} run(s) failed; their times are not counted and the figures above mean little:`);
  for (const failure of failures.slice(0, 3)) console.error(`- ${failure.replace(/\n/g, '\n  ')}`);
  process.exitCode = 1;
}
