// npm run bench -- --herd 40 [--peer PATH/dist/index.js] [--node PATH]   (or node scripts/bench-herd.mjs --runs 40)
//
// A matrix's herd: N runs of the bundled main step started at once against the loopback STS
// server, whose assumeRoleRateLimit allows AssumeRole at 5 per second (burst 5) and answers the
// rest 400 Throttling, as STS does. Prints successes, p50/p95 completion (spawn → exit) and AssumeRole requests per
// run; then the same herd for the peer action (aws-actions/configure-aws-credentials) when its
// bundle is given and present. Nothing of the peer is part of this repository.
import { spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { RUN_ENVIRONMENT } from '../test/support/run-action.js';
import { BUNDLES, REGION, REPO_ROOT, ROLE_ARN, USER_KEY, ensureBuilt, startWorld } from './fixture.mjs';

const RATE = { perSecond: 5, burst: 5 };
const { runs, peer, node } = parseArguments(process.argv.slice(2));

function parseArguments(args) {
  const parsed = { runs: 40, peer: '/work/peer/dist/index.js', node: process.execPath };
  for (let i = 0; i < args.length; i += 1) {
    const [flag, inline] = args[i].split('=', 2);
    const value = () => inline ?? args[++i];
    if (flag === '--runs' || flag === '--herd') parsed.runs = Number(value());
    else if (flag === '--peer') parsed.peer = path.resolve(value() ?? '');
    else if (flag === '--node') parsed.node = path.resolve(value() ?? '');
    else {
      console.error('usage: node scripts/bench-herd.mjs [--runs N] [--peer PATH_TO_PEER_DIST_INDEX_JS] [--node PATH]');
      process.exit(2);
    }
  }
  return parsed;
}

async function inputEnvironment(actionYml, inputs) {
  const metadata = YAML.parse(await readFile(actionYml, 'utf8'));
  const env = {};
  for (const [name, spec] of Object.entries(metadata.inputs ?? {})) {
    const value = name in inputs ? inputs[name] : String(spec?.default ?? '');
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value.includes('${{') ? '' : value;
  }
  return env;
}

function run(binary, args, { env, cwd }) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(binary, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => out.push(chunk));
    child.on('close', (code) =>
      resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, code, output: Buffer.concat(out).toString('utf8') }),
    );
  });
}

function quantile(samples, q) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function herd(label, { entry, actionYml, inputs, exported }) {
  const server = await startWorld({ serverOptions: { assumeRoleRateLimit: RATE } });
  const tempRoot = await mkdtemp(path.join(os.tmpdir(), 'herd-'));
  try {
    const inputEnv = await inputEnvironment(actionYml, inputs);
    const eventPath = path.join(tempRoot, 'event.json');
    await writeFile(
      eventPath,
      JSON.stringify({ ref: RUN_ENVIRONMENT.GITHUB_REF, repository: { full_name: RUN_ENVIRONMENT.GITHUB_REPOSITORY } }),
    );
    const prepared = await Promise.all(
      Array.from({ length: runs }, async (_, i) => {
        const dir = path.join(tempRoot, `run-${i}`);
        await mkdir(path.join(dir, 'home'), { recursive: true });
        const files = Object.fromEntries(
          ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY', 'GITHUB_PATH'].map((name) => [name, path.join(dir, name)]),
        );
        await Promise.all(Object.values(files).map((file) => writeFile(file, '')));
        return {
          dir,
          files,
          env: {
            PATH: process.env.PATH,
            HOME: path.join(dir, 'home'),
            ...RUN_ENVIRONMENT,
            GITHUB_RUN_ID: String(1000 + i),
            GITHUB_WORKSPACE: dir,
            GITHUB_EVENT_PATH: eventPath,
            RUNNER_TEMP: dir,
            AWS_ENDPOINT_URL_STS: server.url,
            AWS_ENDPOINT_URL: server.url,
            ...files,
            ...inputEnv,
          },
        };
      }),
    );
    const results = await Promise.all(
      prepared.map(async ({ dir, files, env }) => {
        const result = await run(node, [entry], { env, cwd: dir });
        const exportedKey = /AWS_ACCESS_KEY_ID(=|<<)/.test(await readFile(files[exported], 'utf8'));
        return { ...result, ok: result.code === 0 && exportedKey };
      }),
    );
    const done = results.filter((r) => r.ok).map((r) => r.ms);
    const failed = results.filter((r) => !r.ok);
    const assumeRoles = server.requests.filter((request) => request.action === 'AssumeRole');
    const throttled = assumeRoles.filter((request) => request.errorCode === 'Throttling').length;
    const perRun = assumeRoles.length / runs;
    console.log(
      `${label.padEnd(44)} ${String(done.length).padStart(3)}/${runs}   p50 ${(quantile(done, 0.5) / 1000).toFixed(1).padStart(5)} s   p95 ${(quantile(done, 0.95) / 1000).toFixed(1).padStart(5)} s   AssumeRole/run ${perRun.toFixed(2)} (${throttled} throttled)`,
    );
    const why = failed[0]?.output.split('\n').find((line) => line.startsWith('::error'));
    if (why) console.log(`  first failure: ${why.slice(0, 300)}`);
    return { successes: done.length, p95: quantile(done, 0.95), perRun };
  } finally {
    await server.close();
    await rm(tempRoot, { recursive: true, force: true });
  }
}

await ensureBuilt((line) => console.log(line));
console.log(
  `Herd: ${runs} runs at once, STS AssumeRole limited to ${RATE.perSecond}/s (burst ${RATE.burst}); ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`,
);
const keys = {
  'aws-access-key-id': USER_KEY.accessKeyId,
  'aws-secret-access-key': USER_KEY.secretAccessKey,
  'aws-region': REGION,
  'role-to-assume': ROLE_ARN,
};
const ours = await herd(`assume-deploy-role (${BUNDLES.main})`, {
  entry: path.join(REPO_ROOT, BUNDLES.main),
  actionYml: path.join(REPO_ROOT, 'action.yml'),
  inputs: keys,
  exported: 'GITHUB_ENV',
});
let theirs;
const peerPresent = await access(peer).then(
  () => true,
  () => false,
);
if (peerPresent) {
  theirs = await herd('configure-aws-credentials (peer)', {
    entry: peer,
    actionYml: path.join(path.dirname(path.dirname(peer)), 'action.yml'),
    inputs: { ...keys, 'role-skip-session-tagging': 'true' },
    exported: 'GITHUB_ENV',
  });
} else {
  console.log(`peer skipped: ${peer} is not there (check out aws-actions/configure-aws-credentials and pass --peer PATH/dist/index.js)`);
}
// The targets: every run succeeds, at most 2.2 AssumeRole per run (the floor is about 1.9 for 40
// runs against a burst of 5: every first call, and a retry for the 35 the burst left out), and a
// p95 at most 0.85 times the peer's in the same run.
const TARGET = { perRun: 2.2, p95VersusPeer: 0.85 };
const verdict = (met) => (met ? 'MET' : 'NOT MET');
console.log(
  `${runs}/${runs} succeeded: ${verdict(ours.successes === runs)}; AssumeRole per run ${ours.perRun.toFixed(2)}, target ≤ ${TARGET.perRun}: ${verdict(ours.perRun <= TARGET.perRun)}`,
);
if (theirs) {
  const ratio = ours.p95 / theirs.p95;
  console.log(`p95 ÷ the peer's p95: ${ratio.toFixed(2)}×, target ≤ ${TARGET.p95VersusPeer}×: ${verdict(ratio <= TARGET.p95VersusPeer)}`);
}
if (ours.successes !== runs) process.exitCode = 1;
