// The processes the bench times, each a case: a label, the arguments of `node`, the INPUT_*
// variables it gets and a check of what it exported (a bench of a failing path measures nothing).
// A case is built for a tree (the working tree, or a `git archive` of a ref in A/B mode), whose
// own action.yml gives its inputs' defaults. To time another path, add a case here.
import path from 'node:path';
import { BUNDLES, REGION, ROLE_ARN, USER_KEY } from './fixture.mjs';
import { fileValue, inputEnvironment } from './bench-process.mjs';

const KEYS = { 'aws-access-key-id': USER_KEY.accessKeyId, 'aws-secret-access-key': USER_KEY.secretAccessKey, 'aws-region': REGION };

const exportedSessionKey = ({ env }) =>
  /^ASIA/.test(fileValue(env, 'AWS_ACCESS_KEY_ID') ?? '') ? undefined : 'no AWS_ACCESS_KEY_ID=ASIA… in GITHUB_ENV';

/** `node -e 0` on the same machine in the same run: what any Node process costs. */
export const BASELINE_CASE = { label: 'node -e 0', args: ['-e', '0'], inputs: {}, check: () => undefined };

/**
 * The cases of this project's bundles in the tree at `root`, labelled with `tree` ("main" for the
 * working tree, the ref in A/B mode).
 */
export async function projectCases(root, tree) {
  const mainInputs = await inputEnvironment(path.join(root, 'action.yml'), { ...KEYS, 'role-to-assume': ROLE_ARN });
  const keyAgeInputs = await inputEnvironment(path.join(root, 'key-age/action.yml'), KEYS);
  return {
    main: {
      label: `root action, ${tree} (${BUNDLES.main})`,
      args: [path.join(root, BUNDLES.main)],
      inputs: mainInputs,
      check: exportedSessionKey,
    },
    post: {
      label: `root action post, ${tree} (${BUNDLES.post})`,
      args: [path.join(root, BUNDLES.post)],
      inputs: { ...mainInputs, STATE_exported: 'true' },
      check: ({ env }) => (fileValue(env, 'AWS_ACCESS_KEY_ID') === '' ? undefined : 'AWS_ACCESS_KEY_ID was not blanked in GITHUB_ENV'),
    },
    keyAge: {
      label: `key-age action, ${tree} (${BUNDLES.keyAge})`,
      args: [path.join(root, BUNDLES.keyAge)],
      inputs: keyAgeInputs,
      check: ({ output }) =>
        fileValue(output, 'status') === 'ok' ? undefined : `status output ${fileValue(output, 'status')}, expected ok`,
    },
  };
}

/**
 * The peer action (aws-actions/configure-aws-credentials) in `peerRoot` (a checkout with its committed
 * dist/index.js and action.yml), on the same happy path: keys, a role ARN, no session tags (the
 * peer tags by default; the loopback role does not trust sts:TagSession, and ours tags only when asked).
 */
export async function peerCase(peerRoot) {
  return {
    label: 'configure-aws-credentials (peer)',
    args: [path.join(peerRoot, 'dist/index.js')],
    inputs: await inputEnvironment(path.join(peerRoot, 'action.yml'), {
      ...KEYS,
      'role-to-assume': ROLE_ARN,
      'role-skip-session-tagging': 'true',
    }),
    check: exportedSessionKey,
  };
}

/**
 * The happy path with refresh-credentials: true (this tree only: older trees lack the input): the
 * main step also starts the credentials server and waits for its port. Each run's server is
 * stopped once the clock has stopped, by the pid its state recorded (it is this run's child).
 */
export async function refreshCase(root) {
  return {
    label: 'root action, main, refresh-credentials: true',
    args: [path.join(root, BUNDLES.main)],
    inputs: await inputEnvironment(path.join(root, 'action.yml'), { ...KEYS, 'role-to-assume': ROLE_ARN, 'refresh-credentials': 'true' }),
    check: ({ env }) =>
      /^http:\/\/127\.0\.0\.1:\d+\//.test(fileValue(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI') ?? '')
        ? undefined
        : 'no AWS_CONTAINER_CREDENTIALS_FULL_URI in GITHUB_ENV',
    after: ({ state }) => {
      const { pid } = JSON.parse(fileValue(state, 'credentials-server') ?? '{}');
      if (Number.isSafeInteger(pid)) process.kill(pid, 'SIGTERM');
    },
  };
}
