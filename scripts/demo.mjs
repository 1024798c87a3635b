// npm run demo: the bundled actions, run exactly as the GitHub runner runs them (and as the
// end-to-end tests do), against a loopback STS + IAM server that checks signatures and trust
// policies like AWS. No AWS account and no network needed; nothing secret is printed.
//
// Shows: the Actions log a person sees (masked), what the step exports (names; values as the log
// would show them), its outputs and job summary, the post step; the AWS CLI using the exported
// credentials (when `aws` is installed); the key-age action; one failure. Exits non-zero if a step
// that should succeed failed, or if any secret was shown anywhere.
import { execFile, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { findSecretLeaks, runAction, runPost } from '../test/support/run-action.js';
import { startTokenEndpoint } from '../test/support/token-endpoint.js';
import { rotationDemo } from './demo-rotation.mjs';
import {
  ACCOUNT,
  BUNDLES,
  REGION,
  ROLE_ARN,
  STRANGER_KEY,
  STRANGER_NAME,
  USER_KEY,
  USER_NAME,
  ensureBuilt,
  startWorld,
} from './fixture.mjs';

const KEY_AGE_DAYS = 83;

/** Everything this script printed, checked for secrets before it exits. */
const transcript = [];
/** Steps that did not do what they should. */
const problems = [];
const workDirs = [];

function print(text = '') {
  transcript.push(text);
  console.log(text);
}

function part(title) {
  print();
  print(`━━ ${title} ━━`);
}

function heading(title) {
  print();
  print(`── ${title} ──`);
}

const LOG_WIDTH = 110;

/** One printed line folded at spaces to LOG_WIDTH, the continuation indented: every word kept, none cut. */
function folded(line) {
  if (line.length <= LOG_WIDTH) return [line];
  const lead = line.match(/^\s*/)[0];
  const lines = [];
  let current = lead;
  for (const word of line.slice(lead.length).split(' ')) {
    if (current.trim() !== '' && current.length + 1 + word.length > LOG_WIDTH) {
      lines.push(current);
      current = `${lead}    ${word}`;
    } else {
      current = current.trim() === '' ? `${current}${word}` : `${current} ${word}`;
    }
  }
  return [...lines, current];
}

function block(text) {
  const lines = text.replace(/\n+$/, '').split('\n').flatMap(folded);
  for (const line of lines) print(line === '' ? '' : `  ${line}`);
}

function expect(condition, problem) {
  if (!condition) problems.push(problem);
}

let explainedNodeWarning = false;

/** The log as GitHub shows it, and (once) a word on the SDK's Node-version warning. */
function printLog(result) {
  block(result.visibleLog || '(nothing printed)');
  if (!explainedNodeWarning && result.stderr.includes('NodeVersionSupportWarning') && Number(process.versions.node.split('.')[0]) < 22) {
    explainedNodeWarning = true;
    print(
      `  (The NodeVersionSupportWarning on stderr is the AWS SDK noticing this machine's Node ${process.versions.node}; the runner runs the action with node24.)`,
    );
  }
}

/** A value as the log would show it: every registered mask replaced with ***. */
function masked(value, masks) {
  let text = value;
  for (const mask of [...masks].filter((m) => m.trim() !== '').sort((a, b) => b.length - a.length)) text = text.split(mask).join('***');
  return text;
}

function printVariables(variables, masks, none) {
  const names = Object.keys(variables);
  if (names.length === 0) {
    block(none);
    return;
  }
  const width = Math.max(...names.map((name) => name.length));
  for (const name of names) {
    const value = variables[name];
    block(`${name.padEnd(width)}  ${value === '' ? '(blank)' : masked(value, masks)}`);
  }
}

function printOutputs(outputs, masks) {
  const names = Object.keys(outputs);
  if (names.length === 0) {
    block('(none)');
    return;
  }
  const width = Math.max(...names.map((name) => name.length));
  for (const name of names) {
    const value = masked(outputs[name], masks);
    let shown = value;
    try {
      const parsed = JSON.parse(value);
      if (parsed !== null && typeof parsed === 'object') shown = JSON.stringify(parsed, null, 2);
    } catch {
      // not JSON: printed as it is
    }
    const [first, ...rest] = shown.split('\n');
    block(`${name.padEnd(width)}  ${first}`);
    for (const line of rest) block(`${' '.repeat(width)}  ${line}`);
  }
}

async function hasAwsCli() {
  return new Promise((resolve) => {
    const child = spawn('aws', ['--version'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

const keyHint = (accessKeyId) => `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;

let server;
let tokens;
let exitCode = 0;
try {
  print('assume-deploy-role demo: the bundled actions run as the GitHub runner runs them, against a');
  print('loopback STS + IAM test server that verifies SigV4 signatures and trust policies like AWS.');
  print('No AWS account, no network. Every secret is masked (***), as in a real Actions log.');
  await ensureBuilt((line) => print(line));

  server = await startWorld({ keyAgeDays: KEY_AGE_DAYS, lastUsedDaysAgo: 1 });
  part('The AWS world (a loopback test server)');
  block(
    [
      `endpoint  ${server.url}  (given to the action as AWS_ENDPOINT_URL)`,
      `account   ${ACCOUNT}`,
      `user      ${USER_NAME}: one access key ${keyHint(USER_KEY.accessKeyId)}, created ${KEY_AGE_DAYS} days ago, last used yesterday;`,
      '          its only permission: sts:AssumeRole on the deploy role (and reading its own keys)',
      `role      ${ROLE_ARN}, whose trust policy names ${USER_NAME}`,
      `user      ${STRANGER_NAME}: a user the role does not trust (for the failure at the end)`,
    ].join('\n'),
  );

  part('1. The root action: limited-user keys in, deploy-role credentials out');
  heading('The workflow step being run');
  block(
    [
      '- uses: assume-deploy-role/assume-deploy-role@v1',
      '  with:',
      '    aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}',
      '    aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
      `    aws-region: ${REGION}`,
      `    role-to-assume: ${ROLE_ARN}`,
    ].join('\n'),
  );

  // ── 1. the root action, main and post ──
  const main = await runAction(BUNDLES.main, {
    inputs: {
      'aws-access-key-id': USER_KEY.accessKeyId,
      'aws-secret-access-key': USER_KEY.secretAccessKey,
      'aws-region': REGION,
      'role-to-assume': ROLE_ARN,
    },
    env: { AWS_ENDPOINT_URL: server.url },
  });
  workDirs.push(main.workDir);
  expect(main.exitCode === 0, `the root action failed (exit code ${main.exitCode})`);
  expect(/^ASIA/.test(main.env.AWS_ACCESS_KEY_ID ?? ''), 'the root action did not export temporary credentials');

  heading(`Actions log (as GitHub shows it) — exit code ${main.exitCode}`);
  printLog(main);
  heading('Exported to later steps (GITHUB_ENV; values as the log would show them)');
  printVariables(main.env, main.masks, '(nothing)');
  heading('Outputs (steps.<id>.outputs)');
  printOutputs(main.outputs, main.masks);
  heading('Job summary (markdown)');
  block(masked(main.summary, main.masks) || '(empty)');

  const post = await runPost(main);
  expect(post.exitCode === 0, `the post step failed (exit code ${post.exitCode})`);
  expect(
    Object.values(post.env).every((value) => value === '') && 'AWS_SECRET_ACCESS_KEY' in post.env,
    'the post step did not blank the exported credentials',
  );
  heading(`Post step log (runs when the job ends) — exit code ${post.exitCode}`);
  printLog(post);
  heading('Post step: variables blanked for the rest of the job');
  printVariables(post.env, main.masks, '(nothing)');

  // ── 2. a real AWS client with the exported environment ──
  part('2. A real AWS client in the next step: aws sts get-caller-identity');
  if (await hasAwsCli()) {
    try {
      // Asynchronous on purpose: the test server answers from this process.
      const cli = await promisify(execFile)('aws', ['sts', 'get-caller-identity', '--endpoint-url', server.url, '--output', 'json'], {
        timeout: 30_000,
        env: {
          PATH: process.env.PATH,
          HOME: path.join(main.workDir, 'home'),
          AWS_CONFIG_FILE: path.join(main.workDir, 'no-aws-config'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(main.workDir, 'no-aws-credentials'),
          ...main.env,
        },
      });
      const identity = JSON.parse(cli.stdout);
      expect(identity.Arn === main.outputs['assumed-role-arn'] && identity.Account === ACCOUNT, 'the AWS CLI did not see the assumed role');
      block(masked(JSON.stringify(identity, null, 2), main.masks));
      block(`→ the AWS CLI (botocore, the credential chain SAM CLI uses) is signed in as the deploy role.`);
    } catch (error) {
      problems.push('aws sts get-caller-identity failed with the exported environment');
      block(masked(String(error.stderr || error.message), main.masks));
    }
  } else {
    block('skipped: the aws command is not installed (apt-get install awscli to see it).');
  }

  // ── 3. the key-age action ──
  part(`3. The key-age action (scheduled workflow): the same user's key is ${KEY_AGE_DAYS} days old`);
  heading('The workflow step being run');
  block(
    [
      '- uses: assume-deploy-role/assume-deploy-role/key-age@v1',
      '  with:',
      '    aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}',
      '    aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
      `    aws-region: ${REGION}`,
    ].join('\n'),
  );
  const keyAge = await runAction(BUNDLES.keyAge, {
    inputs: { 'aws-access-key-id': USER_KEY.accessKeyId, 'aws-secret-access-key': USER_KEY.secretAccessKey, 'aws-region': REGION },
    env: { AWS_ENDPOINT_URL: server.url },
  });
  workDirs.push(keyAge.workDir);
  expect(keyAge.exitCode === 0, `the key-age action failed (exit code ${keyAge.exitCode})`);
  expect(
    keyAge.outputs.status === 'warn',
    `the key-age action should warn about the ${KEY_AGE_DAYS}-day-old key (status ${keyAge.outputs.status})`,
  );
  heading(`Actions log (as GitHub shows it) — exit code ${keyAge.exitCode}; warns from 80 days, fails from 90`);
  printLog(keyAge);
  heading('Outputs');
  printOutputs(keyAge.outputs, keyAge.masks);
  heading('Job summary (markdown)');
  block(masked(keyAge.summary, keyAge.masks) || '(empty)');

  // ── 4. a failure ──
  part(`4. A failure: ${STRANGER_NAME}'s keys, which the deploy role does not trust`);
  const failed = await runAction(BUNDLES.main, {
    inputs: {
      'aws-access-key-id': STRANGER_KEY.accessKeyId,
      'aws-secret-access-key': STRANGER_KEY.secretAccessKey,
      'aws-region': REGION,
      'role-to-assume': ROLE_ARN,
    },
    env: { AWS_ENDPOINT_URL: server.url },
  });
  workDirs.push(failed.workDir);
  expect(
    failed.exitCode === 1 && failed.errors.length === 1,
    `the untrusted user should fail with one error (exit code ${failed.exitCode}, ${failed.errors.length} errors)`,
  );
  expect(Object.keys(failed.env).length === 0 && Object.keys(failed.outputs).length === 0, 'the failed step exported or output something');
  heading(`Actions log (as GitHub shows it) — exit code ${failed.exitCode}: the step fails`);
  printLog(failed);
  heading('Exported and output');
  block(
    Object.keys(failed.env).length === 0
      ? 'GITHUB_ENV: nothing — later steps cannot use any key'
      : `GITHUB_ENV: ${Object.keys(failed.env).join(', ')}`,
  );
  block(Object.keys(failed.outputs).length === 0 ? 'outputs:   none' : `outputs:   ${Object.keys(failed.outputs).join(', ')}`);

  // ── 4b. keyless ──
  tokens = await startTokenEndpoint();
  const provider = server.addOidcProvider({
    account: ACCOUNT,
    url: tokens.issuer,
    clientIds: ['sts.amazonaws.com'],
    keys: [tokens.publicJwk],
  });
  const keylessRole = server.addRole({
    account: ACCOUNT,
    name: 'deploy-keyless',
    trustedPrincipals: [],
    federatedTrust: [
      {
        federated: provider.arn,
        condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/serverless-app:environment:production' },
        },
      },
    ],
  });
  part("4b. Keyless: no key at all, GitHub's OIDC token instead (permissions: id-token: write)");
  block(
    [
      `role      ${keylessRole.arn}, which trusts ${provider.arn}`,
      '          for sub repo:octo-org/serverless-app:environment:production only',
      '- uses: assume-deploy-role/assume-deploy-role@v1',
      '  with:',
      `    aws-region: ${REGION}`,
      `    role-to-assume: ${keylessRole.arn}`,
    ].join('\n'),
  );
  tokens.setRun({ environment: 'production' });
  const keyless = await runAction(BUNDLES.main, {
    inputs: { 'aws-region': REGION, 'role-to-assume': keylessRole.arn },
    env: { AWS_ENDPOINT_URL: server.url, ...tokens.env },
  });
  workDirs.push(keyless.workDir);
  expect(
    keyless.exitCode === 0 && /^ASIA/.test(keyless.env.AWS_ACCESS_KEY_ID ?? ''),
    `keyless mode failed (exit code ${keyless.exitCode})`,
  );
  heading(`Actions log, a job with environment: production — exit code ${keyless.exitCode}`);
  printLog(keyless);
  tokens.setRun({});
  const refused = await runAction(BUNDLES.main, {
    inputs: { 'aws-region': REGION, 'role-to-assume': keylessRole.arn },
    env: { AWS_ENDPOINT_URL: server.url, ...tokens.env },
  });
  workDirs.push(refused.workDir);
  expect(
    refused.exitCode === 1 && Object.keys(refused.env).length === 0,
    'keyless mode without the environment should fail and export nothing',
  );
  heading(`The same step in a job without the environment — exit code ${refused.exitCode}: the statement this run would need`);
  printLog(refused);
  // The command line prints key ids whole (they are identifiers, and the commands it prints need
  // them, as `aws iam list-access-keys` does): from here on only secret values count as leaks.
  const rotationStart = transcript.length;
  const rotationSecrets = await rotationDemo({ part, heading, block, expect, workDirs });

  // ── 5. no secret anywhere ──
  const secrets = [
    { label: `${USER_NAME}'s access key id`, value: USER_KEY.accessKeyId },
    { label: `${USER_NAME}'s secret access key`, value: USER_KEY.secretAccessKey },
    { label: `${STRANGER_NAME}'s access key id`, value: STRANGER_KEY.accessKeyId },
    { label: `${STRANGER_NAME}'s secret access key`, value: STRANGER_KEY.secretAccessKey },
    ...server.sessions.map((session) => ({
      label: `temporary access key id of session ${session.roleSessionName}`,
      value: session.accessKeyId,
    })),
    ...server.knownSecrets(),
    ...(tokens?.knownSecrets() ?? []),
    ...rotationSecrets,
  ];
  part("5. Secret check: every line replayed through the runner's masking (findSecretLeaks)");
  const runs = [
    ['root action, main step', main],
    ['root action, post step', post],
    ['key-age action', keyAge],
    ['failing root action', failed],
    ['keyless root action', keyless],
    ['refused keyless action', refused],
  ];
  for (const [label, result] of runs) {
    const leaks = findSecretLeaks(result, secrets);
    block(`${label.padEnd(24)}${leaks.length === 0 ? 'no secret shown' : `LEAKS: ${leaks.join('; ')}`}`);
    if (leaks.length > 0) problems.push(`${label} leaked: ${leaks.join('; ')}`);
  }
  const printed = transcript.join('\n');
  const beforeRotation = transcript.slice(0, rotationStart).join('\n');
  const inDemo = secrets
    .filter((secret) => secret.value && (/access key id/.test(secret.label) ? beforeRotation : printed).includes(secret.value))
    .map((secret) => secret.label);
  block(`${"this demo's own output".padEnd(24)}${inDemo.length === 0 ? 'no secret shown' : `LEAKS: ${inDemo.join('; ')}`}`);
  if (inDemo.length > 0) problems.push(`this demo printed: ${inDemo.join('; ')}`);
} catch (error) {
  problems.push(`the demo stopped: ${error?.stack ?? error}`);
} finally {
  await server?.close();
  await tokens?.close();
  await Promise.all(workDirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

print();
if (problems.length === 0) {
  print('✔ Demo finished: every step did what it should, and no secret was shown.');
} else {
  exitCode = 1;
  console.error('✘ Demo found problems:');
  for (const problem of problems) console.error(`  - ${problem}`);
}
process.exitCode = exitCode;
