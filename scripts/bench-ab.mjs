// npm run bench -- --ab REF [--peer DIR] [--floor] [--runs N] [--node PATH] [--cpu]
//
// A/B: the bundles of this working tree (B) against those a `git archive` of REF (a tag or a commit)
// committed (A), in one run against one loopback STS/IAM server, paired: each round runs A then B,
// the next B then A, so that machine noise hits both alike. With --peer DIR (a checkout of
// aws-actions/configure-aws-credentials, its committed dist/index.js) the peer's bundle joins the
// root action's rounds; `node -e 0` joins the key-age rounds. Prints medians and the median of the
// per-round ratios, with their spread; with --cpu the same for CPU time (perf stat's task-clock,
// every thread of the process), which other load on the machine disturbs far less than wall time.
// With --floor, scripts/sdk-floor.mjs (one bare SDK AssumeRole, bundled the same way) joins the root
// action's rounds: no run that calls STS through the SDK can be faster than it.
// Asserts nothing; exits non-zero only when a run failed.
import { spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BUNDLES, REPO_ROOT, ensureBuilt, startWorld } from './fixture.mjs';
import { BASELINE_CASE, peerCase, projectCases } from './bench-cases.mjs';
import { ms, nodeVersion, prepareJob, reportFailures, stats } from './bench-process.mjs';
import { floorCase } from './bench-floor.mjs';

function parseArguments(args) {
  const parsed = { ref: undefined, peer: undefined, runs: 20, node: process.execPath, cpu: false, floor: false };
  for (let i = 0; i < args.length; i += 1) {
    const [flag, inline] = args[i].split('=', 2);
    const value = () => inline ?? args[++i];
    if (flag === '--ab') parsed.ref = value();
    else if (flag === '--peer') parsed.peer = path.resolve(value() ?? '');
    else if (flag === '--runs') parsed.runs = Number(value());
    else if (flag === '--node') parsed.node = path.resolve(value() ?? '');
    else if (flag === '--cpu') parsed.cpu = true;
    else if (flag === '--floor') parsed.floor = true;
    else {
      console.error(
        'usage: npm run bench -- --ab REF [--peer DIR (configure-aws-credentials checkout)] [--floor (a bare SDK AssumeRole too)] [--runs N (default 20)] [--node PATH] [--cpu (also CPU time, with perf)]',
      );
      process.exit(2);
    }
  }
  if (!parsed.ref || !Number.isInteger(parsed.runs) || parsed.runs < 1) {
    console.error('--ab needs a tag or commit, and --runs a whole number ≥ 1');
    process.exit(2);
  }
  // A peer given as its dist/index.js (as --herd takes it) means its checkout.
  if (parsed.peer?.endsWith(path.join('dist', 'index.js'))) parsed.peer = path.dirname(path.dirname(parsed.peer));
  return parsed;
}

/** `git archive REF | tar -x -C into`: the tree as committed at REF, its dist/ included. */
function extract(ref, into) {
  return new Promise((resolve, reject) => {
    const git = spawn('git', ['archive', '--format=tar', ref], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-C', into], { stdio: ['pipe', 'ignore', 'inherit'] });
    const gitErrors = [];
    git.stderr.on('data', (chunk) => gitErrors.push(chunk));
    git.stdout.pipe(tar.stdin);
    // Both must have exited, in whichever order their close events come.
    const exited = (child) => new Promise((done) => child.on('close', (code) => done(code)));
    tar.on('error', reject);
    git.on('error', reject);
    Promise.all([exited(git), exited(tar)]).then(([gitCode, tarCode]) =>
      gitCode === 0 && tarCode === 0
        ? resolve()
        : reject(
            new Error(
              `git archive ${ref} failed: ${Buffer.concat(gitErrors).toString().trim() || `git exit ${gitCode}, tar exit ${tarCode}`}`,
            ),
          ),
    );
  });
}

const present = (file) =>
  access(file).then(
    () => true,
    () => false,
  );

/** Median and spread (p10–p90) of the per-round ratios x/y, over the rounds where both ran. */
function pairedRatio(xs, ys) {
  const ratios = xs.map((x, i) => (x !== undefined && ys[i] !== undefined ? x / ys[i] : undefined)).filter((r) => r !== undefined);
  const sorted = [...ratios].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return sorted.length === 0
    ? 'no pairs'
    : `${stats(ratios).median.toFixed(3)}×  (p10 ${at(0.1).toFixed(3)}, p90 ${at(0.9).toFixed(3)}, ${sorted.length} pairs)`;
}

const { ref, peer, runs, node, cpu, floor } = parseArguments(process.argv.slice(2));
const failures = [];
const tempRoot = await mkdtemp(path.join(os.tmpdir(), 'bench-ab-'));
let server;
try {
  await ensureBuilt((line) => console.log(line));
  const archive = path.join(tempRoot, 'a');
  await mkdir(archive);
  await extract(ref, archive);
  if (!(await present(path.join(archive, BUNDLES.main))))
    throw new Error(`${ref} has no committed ${BUNDLES.main}: A/B needs a ref whose dist/ was committed`);
  if (peer && !(await present(path.join(peer, 'dist/index.js')))) throw new Error(`--peer ${peer}: no dist/index.js there`);
  const version = await nodeVersion(node, REPO_ROOT);
  server = await startWorld({ keyAgeDays: 10, lastUsedDaysAgo: 1 });
  const jobRoot = path.join(tempRoot, 'job');
  await mkdir(jobRoot);
  const job = await prepareJob(jobRoot, server.url, { cpu });

  const a = await projectCases(archive, ref);
  const b = await projectCases(REPO_ROOT, 'this tree');
  // Each group runs in one round, its members in alternating order; the ratios are B ÷ the others.
  const groups = [
    {
      name: 'root action, main step',
      cases: {
        A: a.main,
        B: b.main,
        ...(peer ? { peer: await peerCase(peer) } : {}),
        ...(floor ? { floor: await floorCase(tempRoot, b.main) } : {}),
      },
    },
    { name: 'key-age action', cases: { baseline: BASELINE_CASE, A: a.keyAge, B: b.keyAge } },
    { name: 'root action, post step', cases: { A: a.post, B: b.post } },
  ];
  for (const group of groups) {
    group.samples = Object.fromEntries(Object.keys(group.cases).map((key) => [key, []]));
    group.cpu = Object.fromEntries(Object.keys(group.cases).map((key) => [key, []]));
    for (const key of Object.keys(group.cases)) {
      if (!(await present(group.cases[key].args[0])) && key !== 'baseline') delete group.cases[key];
    }
  }

  console.log(`Node.js ${version} (${node}) on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load ${os.loadavg()[0].toFixed(2)}`);
  console.log(
    `A = git archive ${ref}, B = this working tree${peer ? `, peer = ${peer}` : ''}; ${runs} rounds, one untimed warm-up each, order alternating.`,
  );
  for (const group of groups) for (const benchCase of Object.values(group.cases)) await job.measure(node, benchCase);
  for (let round = 0; round < runs; round += 1) {
    for (const group of groups) {
      const keys = Object.keys(group.cases);
      for (const key of round % 2 === 0 ? keys : [...keys].reverse()) {
        const result = await job.measure(node, group.cases[key]);
        if (result.problem) failures.push(result.problem);
        group.samples[key][round] = result.ms;
        group.cpu[key][round] = result.cpuMs;
      }
    }
  }

  for (const group of groups) {
    for (const [metric, samples] of cpu
      ? [
          ['wall time', group.samples],
          ['CPU time', group.cpu],
        ]
      : [['wall time', group.samples]]) {
      console.log();
      console.log(`── ${group.name}: ${metric}, ms ${metric === 'wall time' ? '(spawn → exit)' : '(task-clock, all threads)'} ──`);
      console.log(`${'process'.padEnd(52)} runs     min  median     p90     max`);
      for (const [key, benchCase] of Object.entries(group.cases)) {
        const s = stats(samples[key].filter((value) => value !== undefined));
        if (s.n > 0)
          console.log(`${benchCase.label.padEnd(52)} ${String(s.n).padStart(4)} ${ms(s.min)} ${ms(s.median)} ${ms(s.p90)} ${ms(s.max)}`);
      }
      for (const other of Object.keys(group.cases).filter((key) => key !== 'B')) {
        if (group.cases.B) console.log(`B ÷ ${other.padEnd(9)} per round: ${pairedRatio(samples.B, samples[other])}`);
      }
      if (group.cases.floor && group.cases.peer) console.log(`floor ÷ peer  per round: ${pairedRatio(samples.floor, samples.peer)}`);
    }
  }
  console.log();
  console.log(`load average after: ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores`);
} catch (error) {
  failures.push(
    `the bench stopped: ${error?.message?.includes('git archive') || error?.message?.includes('committed') ? error.message : (error?.stack ?? error)}`,
  );
} finally {
  await server?.close();
  await rm(tempRoot, { recursive: true, force: true });
}
reportFailures(failures);
