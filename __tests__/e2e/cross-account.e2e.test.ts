/**
 * A second stage in another account, as docs/deploy-template.md sets it up: the limited user in
 * account 111111111111, the production deploy role in 222222222222 whose trust policy names that
 * user (and the user's identity policy allows the role, which cross-account AWS requires too).
 * Then docs/local-deploys.md's profile, run by the AWS CLI itself (botocore's assume-role
 * provider, as `sam deploy --profile deploy` uses it), its lines taken from the document, which
 * must equal what the template's LocalDeployProfile output prints.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { CloudFormationTemplate, TemplateRenderer, obj } from '../../test/support/cloudformation.js';
import { testWithTool } from '../../test/support/optional-tool.js';
import { findSecretLeaks, removeWorkDirs, runAction } from '../../test/support/run-action.js';
import { EXAMPLE_KEY as USER } from '../../test/support/fixtures.js';

type Server = Awaited<ReturnType<typeof startAwsTestServer>>;
const ACCOUNT_A = '111111111111';
const ACCOUNT_B = '222222222222';
const PROD_ROLE = `arn:aws:iam::${ACCOUNT_B}:role/sam-app-prod-deploy-role`;
const UNTRUSTING_ROLE = `arn:aws:iam::${ACCOUNT_B}:role/someone-elses-role`;
const OWN_ROLE = `arn:aws:iam::${ACCOUNT_A}:role/sam-cli-user-deploy-role`;

let server: Server;
let userArn: string;

beforeAll(async () => {
  server = await startAwsTestServer();
  // Account A's stack with OtherDeployRoleArns: the identity policy allows both roles.
  userArn = server.addUser({ account: ACCOUNT_A, name: 'sam-cli-user', canAssume: [OWN_ROLE, PROD_ROLE, UNTRUSTING_ROLE] }).arn;
  server.addAccessKey('sam-cli-user', USER);
  server.addRole({ account: ACCOUNT_A, name: 'sam-cli-user-deploy-role', trustedPrincipals: [userArn] });
  // Account B's stack with TrustedUserArn: the trust names the user of A.
  server.addRole({ account: ACCOUNT_B, name: 'sam-app-prod-deploy-role', trustedPrincipals: [userArn] });
  // A role in B whose trust does not name the user (even though the user's policy allows it).
  server.addRole({ account: ACCOUNT_B, name: 'someone-elses-role', trustedPrincipals: [`arn:aws:iam::${ACCOUNT_B}:user/somebody`] });
});

afterAll(async () => {
  await server.close();
  await removeWorkDirs();
});

const cliAvailable = spawnSync('aws', ['--version']).status === 0;
const awsTest = testWithTool(cliAvailable, {
  requireVariable: 'REQUIRE_AWS_CLI',
  missing: 'the AWS CLI (aws) is not installed, so the cross-account credentials are not checked with botocore (apt-get install awscli)',
});

function run(roleArn: string) {
  return runAction('dist/main/index.js', {
    inputs: {
      'aws-access-key-id': USER.accessKeyId,
      'aws-secret-access-key': USER.secretAccessKey,
      'aws-region': 'eu-west-1',
      'role-to-assume': roleArn,
    },
    env: { AWS_ENDPOINT_URL: server.url },
  });
}

async function callerIdentity(env: Record<string, string | undefined>, home: string): Promise<{ Account: string; Arn: string }> {
  const { stdout } = await promisify(execFile)('aws', ['sts', 'get-caller-identity', '--endpoint-url', server.url, '--output', 'json'], {
    timeout: 30000,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      AWS_CONFIG_FILE: `${home}/no-aws-config`,
      AWS_SHARED_CREDENTIALS_FILE: `${home}/no-aws-credentials`,
      ...env,
    },
  });
  return JSON.parse(stdout) as { Account: string; Arn: string };
}

describe('the user of account A deploys to account B', () => {
  awsTest("the role whose trust names the user: the exported credentials are account B's role (aws sts get-caller-identity)", async () => {
    const result = await run(PROD_ROLE);
    expect(result.exitCode).toBe(0);
    expect(result.errors).toEqual([]);
    expect(result.outputs['aws-account-id']).toBe(ACCOUNT_B);
    const identity = await callerIdentity(result.env, result.workDir);
    expect(identity.Account).toBe(ACCOUNT_B);
    expect(identity.Arn).toBe(result.outputs['assumed-role-arn']);
    expect(identity.Arn).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT_B}:assumed-role/sam-app-prod-deploy-role/`));
    expect(server.sessions.at(-1)?.callerArn).toBe(userArn);
    expect(findSecretLeaks(result, [{ label: 'user secret', value: USER.secretAccessKey }, ...server.knownSecrets()])).toEqual([]);
  });

  awsTest(
    'a role whose trust does not name the user: one clear error naming both, the statement to add, and nothing exported',
    async () => {
      const result = await run(UNTRUSTING_ROLE);
      expect(result.exitCode).toBe(1);
      expect(result.errors).toHaveLength(1);
      const [error] = result.errors;
      expect(error).toContain(`${userArn} may not assume ${UNTRUSTING_ROLE}`);
      expect(error).toContain(`"AWS":"${userArn}"`);
      expect(error).toContain('another account');
      expect(result.env).toEqual({});
      expect(result.outputs).toEqual({});
      expect(result.state).toEqual({});
      expect(findSecretLeaks(result, [{ label: 'user secret', value: USER.secretAccessKey }, ...server.knownSecrets()])).toEqual([]);
    },
  );
});

// --- docs/local-deploys.md: the profile, by botocore itself ------------------------------------

/**
 * The assume-role provider's STS client honours AWS_ENDPOINT_URL_STS from botocore 1.31 (AWS CLI
 * 1.29) and AWS CLI v2 2.13 on (the service-specific endpoint variables); older ones, such as
 * Debian's awscli 2.9.19, would send the user's key to the real STS instead, so they are skipped.
 */
function cliHonoursServiceEndpoints(): boolean {
  const version = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return false;
  const text = `${version.stdout}${version.stderr}`;
  const at = (re: RegExp) => (re.exec(text)?.slice(1, 3) ?? []).map(Number) as [number, number] | [];
  const newer = (v: number[], [major, minor]: [number, number]) => v.length === 2 && (v[0]! > major || (v[0] === major && v[1]! >= minor));
  const botocore = at(/botocore\/(\d+)\.(\d+)/);
  const cli = at(/aws-cli\/(\d+)\.(\d+)/);
  return botocore.length ? newer(botocore, [1, 31]) : cli[0] === 2 && newer(cli, [2, 13]);
}

const profileTest = testWithTool(cliHonoursServiceEndpoints(), {
  requireVariable: 'REQUIRE_AWS_CLI',
  missing:
    "the AWS CLI is missing, or older than botocore 1.31 / AWS CLI 2.13 (Debian's awscli 2.9.19 is), whose assume-role provider does not honour AWS_ENDPOINT_URL_STS, so docs/local-deploys.md's profile is NOT run against the loopback STS",
});

const LOCAL_ACCOUNT = '123456789012';
const LOCAL_REGION = 'eu-west-1';

/** The profile block of docs/local-deploys.md, between its markers. */
async function profileInDoc(): Promise<string> {
  const doc = await readFile('docs/local-deploys.md', 'utf8');
  const block = /<!-- local-profile:start[^>]*-->\n```ini\n([\s\S]*?)```\n<!-- local-profile:end -->/.exec(doc);
  if (!block) throw new Error('docs/local-deploys.md has no local-profile block');
  return String(block[1]);
}

describe('docs/local-deploys.md: sam deploy --profile deploy', () => {
  profileTest("the document's profile is what the template prints, and botocore assumes the role with it by itself", async () => {
    // The template's output, for the document's example stack (defaults, account 123456789012).
    const cfn = new CloudFormationTemplate(await readFile('iam/deploy-access.yml', 'utf8'));
    const rendered = String(
      new TemplateRenderer(cfn, {}, { account: LOCAL_ACCOUNT, region: LOCAL_REGION }).render(
        obj(cfn.outputs.LocalDeployProfile, 'LocalDeployProfile').Value,
      ),
    );
    const roleArn = `arn:aws:iam::${LOCAL_ACCOUNT}:role/sam-cli-user-deploy-role`;
    const printed = rendered.replace('<DeployRole.Arn>', roleArn);
    const documented = await profileInDoc();
    expect(documented).toBe(printed);

    // That account's user and role, on the same test server.
    const local = server.addUser({ account: LOCAL_ACCOUNT, name: 'local-sam-cli-user' });
    const key = { accessKeyId: 'AKIALOCALUSEREXAMPLE', secretAccessKey: 'bPxRfiCYEXAMPLEKEYwJalrXUtnFEMIK7MDENGlo' };
    server.addAccessKey('local-sam-cli-user', key);
    server.addRole({ account: LOCAL_ACCOUNT, name: 'sam-cli-user-deploy-role', trustedPrincipals: [local.arn] });

    const home = await mkdtemp(path.join(tmpdir(), 'local-deploys-'));
    try {
      // ~/.aws/credentials as `aws configure --profile sam-cli-user` writes it; ~/.aws/config: the document's lines.
      await writeFile(
        path.join(home, 'credentials'),
        `[sam-cli-user]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`,
        { mode: 0o600 },
      );
      await writeFile(path.join(home, 'config'), documented, { mode: 0o600 });
      const before = server.requests.length;
      const { stdout } = await promisify(execFile)('aws', ['--profile', 'deploy', 'sts', 'get-caller-identity', '--output', 'json'], {
        timeout: 30000,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          AWS_CONFIG_FILE: path.join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
          AWS_ENDPOINT_URL_STS: server.url,
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      });
      const identity = JSON.parse(stdout) as { Account: string; Arn: string };
      expect(identity).toMatchObject({
        Account: LOCAL_ACCOUNT,
        Arn: `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/sam-cli-user-deploy-role/sam-cli-user-local`,
      });
      // botocore called AssumeRole with the user's key, the profile's session name and duration.
      const calls = server.requests
        .slice(before)
        .map((r) => [r.action, r.accessKeyId === key.accessKeyId ? 'user key' : 'session key', r.status]);
      expect(calls).toEqual([
        ['AssumeRole', 'user key', 200],
        ['GetCallerIdentity', 'session key', 200],
      ]);
      expect(server.sessions.at(-1)).toMatchObject({
        callerArn: local.arn,
        roleArn,
        roleSessionName: 'sam-cli-user-local',
        durationSeconds: 3600,
        region: LOCAL_REGION,
      });
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
