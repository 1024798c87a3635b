/**
 * Security properties of iam/deploy-access.yml, the CloudFormation template that creates the
 * limited user, the deploy role, the CloudFormation execution role and the artifacts bucket.
 *
 * The template is parsed and every IAM policy in it *rendered* for a given set of parameters by
 * test/support/cloudformation.js (conditions evaluated, `Fn::If` branches picked, `AWS::NoValue`
 * dropped, `Ref` / `Fn::GetAtt` / `Fn::Sub` as plain strings, `<LogicalId.Attr>` for values only
 * known at deploy time), so the assertions read like the policies IAM will actually evaluate.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  actionMatches,
  actionsOf,
  allows,
  CloudFormationTemplate,
  isObj,
  list,
  obj,
  resourceMatches,
  resourcesOf,
  TemplateRenderer,
  type Obj,
  type Params,
  type Statement,
} from '../../test/support/cloudformation.js';
import { testWithTool } from '../../test/support/optional-tool.js';

const TEMPLATE_PATH = resolve(process.cwd(), 'iam/deploy-access.yml');

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

const templateText = readFileSync(TEMPLATE_PATH, 'utf8');
const cfn = new CloudFormationTemplate(templateText);
const { template, resources, parameters, outputs } = cfn;
const resource = (id: string) => cfn.resource(id);

/** The template rendered for these parameter values (defaults otherwise) in the test account and region. */
class Renderer extends TemplateRenderer {
  constructor(overrides: Params = {}) {
    super(cfn, overrides, { account: ACCOUNT, region: REGION });
  }
}
const policiesOf = (r: Renderer) => r.policies();

const ALL_COMBINATIONS: Params[] = [
  { AllowSessionTags: 'false', AllowSourceIdentity: 'false' },
  { AllowSessionTags: 'true', AllowSourceIdentity: 'false' },
  { AllowSessionTags: 'false', AllowSourceIdentity: 'true' },
  { AllowSessionTags: 'true', AllowSourceIdentity: 'true', AppRolePermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/app-boundary` },
];

const STACK_ARN = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/sam-app*/*`;
const TRANSFORM_ARN = `arn:aws:cloudformation:${REGION}:aws:transform/Serverless-2016-10-31`;

// ---------------------------------------------------------------------------------------------
// The tests.
// ---------------------------------------------------------------------------------------------

describe('iam/deploy-access.yml: shape', () => {
  test('creates the limited user, the deploy role, the execution role and the artifacts bucket', () => {
    const types = Object.fromEntries(Object.keys(resources).map((id) => [id, resource(id).Type]));
    expect(types).toMatchObject({
      DeployUser: 'AWS::IAM::User',
      DeployRole: 'AWS::IAM::Role',
      ExecutionRole: 'AWS::IAM::Role',
      ArtifactsBucket: 'AWS::S3::Bucket',
      ArtifactsBucketPolicy: 'AWS::S3::BucketPolicy',
    });
    expect(parameters.UserName).toMatchObject({ Default: 'sam-cli-user' });
  });

  test('creates no access key, so no secret can appear in stack outputs or events', () => {
    for (const id of Object.keys(resources)) expect(resource(id).Type).not.toBe('AWS::IAM::AccessKey');
    // Nothing reads a secret attribute either (GetAtt X.SecretAccessKey, as an output or anywhere).
    expect(JSON.stringify(template)).not.toMatch(/"Fn::GetAtt":\["[^"]*","SecretAccessKey"\]|\$\{[^}]*\.SecretAccessKey\}/);
  });

  test('every ${aws:username} policy variable survives !Sub (written ${!aws:username})', () => {
    // In !Sub, ${aws:username} would be taken for a template variable and fail the deployment.
    const subs = JSON.stringify(template).match(/\$\{!?aws:[A-Za-z]+\}/g) ?? [];
    expect(subs.length).toBeGreaterThan(0);
    expect(subs.every((s) => s === '${!aws:username}')).toBe(true);
  });

  test('outputs give the deploy role, user, bucket and execution role, and the next commands', () => {
    const rendered = obj(new Renderer().render(outputs), 'Outputs');
    const value = (k: string) => String(obj(rendered[k], k).Value);
    expect(value('DeployRoleArn')).toBe('<DeployRole.Arn>');
    expect(value('DeployUserName')).toBe('<DeployUser>');
    expect(value('ArtifactsBucketName')).toBe('<ArtifactsBucket>');
    expect(value('ExecutionRoleArn')).toBe('<ExecutionRole.Arn>');
    // The key goes from `create-access-key` straight into `gh secret set` through stdin: it is
    // never printed, never written to a file and never on a command line (ps would show it).
    const createKey = value('NextStep1CreateKeyAndStoreSecrets');
    expect(createKey).toMatch(/^aws iam create-access-key --user-name <DeployUser> .*\| \{ read -r id secret/);
    // Into the production environment's secrets, where the workflows read it (docs/security.md).
    expect(createKey).toContain('printf %s "$secret" | gh secret set --env production AWS_SECRET_ACCESS_KEY');
    expect(createKey).toContain('printf %s "$id" | gh secret set --env production AWS_ACCESS_KEY_ID');
    expect(createKey).not.toMatch(/--body/);
    // One user per stage: a test stage's stack prints the command for the test environment only.
    const testStage = String(
      obj(obj(new Renderer({ SecretsEnvironment: 'test' }).render(outputs), 'Outputs').NextStep1CreateKeyAndStoreSecrets, 'k').Value,
    );
    expect(testStage.match(/gh secret set --env \S+/g)).toEqual(['gh secret set --env test', 'gh secret set --env test']);
    const pattern = new RegExp(String(obj(parameters.SecretsEnvironment, 'SecretsEnvironment').AllowedPattern));
    for (const bad of ['prod; rm -rf ~', '$(id)', 'a b', '']) expect([bad, pattern.test(bad)]).toEqual([bad, false]);
    const vars = value('NextStep2StoreVariables');
    for (const v of ['AWS_REGION', 'AWS_DEPLOY_ROLE_ARN', 'CFN_EXECUTION_ROLE_ARN', 'SAM_ARTIFACTS_BUCKET']) {
      expect(vars).toContain(`gh variable set ${v} --body `);
    }
  });
});

describe('iam/deploy-access.yml: the limited user (whose keys sit in GitHub secrets)', () => {
  test.each(ALL_COMBINATIONS)('can do nothing but assume the deploy role and read its own key metadata (%p)', (combo) => {
    const r = new Renderer(combo);
    const user = resource('DeployUser').Properties;
    // No policy, managed policy, group or boundary hides on the user resource itself.
    expect(Object.keys(user).sort()).toEqual(['UserName']);

    const onUser = policiesOf(r).identity.filter((p) => p.attachedTo.includes('DeployUser'));
    expect(onUser.length).toBeGreaterThan(0);
    const statements = onUser.flatMap((p) => p.statements);
    const denied = statements
      .filter((s) => s.Effect === 'Deny')
      .flatMap((s) => actionsOf(s).flatMap((a) => resourcesOf(s).map((res) => `${a} on ${res}`)))
      .sort();
    // Rotation is never the limited user's own: a stolen key must not mint a second one.
    expect(denied).toEqual(
      ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:TagUser', 'iam:UntagUser', 'iam:UpdateAccessKey'].map(
        (a) => `${a} on <DeployUser.Arn>`,
      ),
    );
    const granted = statements
      .filter((s) => s.Effect !== 'Deny')
      .map((s) => {
        expect(s.Effect).toBe('Allow');
        expect(s.NotAction).toBeUndefined();
        expect(s.NotResource).toBeUndefined();
        expect(s.Condition).toBeUndefined();
        return actionsOf(s).flatMap((a) => resourcesOf(s).map((res) => `${a} on ${res}`));
      })
      .flat()
      .sort();
    expect(granted).toEqual([
      `iam:GetAccessKeyLastUsed on arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
      `iam:ListAccessKeys on arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
      'sts:AssumeRole on <DeployRole.Arn>',
    ]);
  });
});

describe('iam/deploy-access.yml: the rotator policy (assume-deploy-role rotate/revoke)', () => {
  test("reaches only the deploy user's keys and tags and the deploy role's inline policy, and is attached to nobody", () => {
    const rotator = resource('RotatorPolicy');
    expect(rotator.Type).toBe('AWS::IAM::ManagedPolicy');
    expect(rotator.Properties.Users ?? rotator.Properties.Roles ?? rotator.Properties.Groups).toBeUndefined();
    const statements = (rotator.Properties.PolicyDocument as { Statement: unknown }).Statement as Array<{
      Effect: string;
      Action: string | string[];
      Resource: unknown;
    }>;
    const granted = statements.map((st) => ({ effect: st.Effect, actions: [st.Action].flat().sort(), resource: st.Resource }));
    expect(granted).toEqual([
      {
        effect: 'Allow',
        actions: [
          'iam:CreateAccessKey',
          'iam:DeleteAccessKey',
          'iam:GetAccessKeyLastUsed',
          'iam:ListAccessKeys',
          'iam:ListUserTags',
          'iam:TagUser',
          'iam:UntagUser',
          'iam:UpdateAccessKey',
        ],
        resource: { 'Fn::GetAtt': ['DeployUser', 'Arn'] },
      },
      { effect: 'Allow', actions: ['iam:PutRolePolicy'], resource: { 'Fn::GetAtt': ['DeployRole', 'Arn'] } },
    ]);
  });
});

describe('iam/deploy-access.yml: the deploy role', () => {
  test.each(ALL_COMBINATIONS)('trusts only the limited user, by its ARN; TagSession/SetSourceIdentity only when enabled (%p)', (combo) => {
    const r = new Renderer(combo);
    const [trust] = policiesOf(r).trust.filter((p) => p.attachedTo.includes('DeployRole'));
    expect(trust).toBeDefined();
    const actions: string[] = [];
    for (const s of trust!.statements) {
      expect(s.Effect).toBe('Allow');
      // The user's ARN, not the account root (which would let any IAM identity with
      // sts:AssumeRole in the account in), and never a wildcard.
      expect(s.Principal).toEqual({ AWS: '<DeployUser.Arn>' });
      expect(s.NotAction).toBeUndefined();
      actions.push(...actionsOf(s));
    }
    const expected = ['sts:AssumeRole'];
    if (combo.AllowSessionTags === 'true') expected.push('sts:TagSession');
    if (combo.AllowSourceIdentity === 'true') expected.push('sts:SetSourceIdentity');
    expect(actions.sort()).toEqual(expected.sort());
  });

  test('MaxSessionDuration is a parameter bounded to what IAM accepts: 3600 (default) to 43200 seconds', () => {
    expect(resource('DeployRole').Properties.MaxSessionDuration).toEqual({ Ref: 'MaxSessionDuration' });
    expect(parameters.MaxSessionDuration).toMatchObject({ Type: 'Number', Default: 3600, MinValue: 3600, MaxValue: 43200 });
    expect(parameters.AllowSessionTags).toMatchObject({ Default: 'false', AllowedValues: ['true', 'false'] });
    expect(parameters.AllowSourceIdentity).toMatchObject({ Default: 'false', AllowedValues: ['true', 'false'] });
  });

  test('may pass only the execution role, and only to CloudFormation', () => {
    for (const combo of ALL_COMBINATIONS) {
      const pass = policiesOf(new Renderer(combo))
        .identity.filter((p) => p.attachedTo.includes('DeployRole') || p.attachedTo.includes('DeployUser'))
        .flatMap((p) => p.statements)
        .filter((s) => allows(s) && actionsOf(s).some((a) => actionMatches(a, 'iam:PassRole')));
      expect(pass).toHaveLength(1);
      expect(resourcesOf(pass[0]!)).toEqual(['<ExecutionRole.Arn>']);
      expect(pass[0]!.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } });
    }
  });

  test('CloudFormation rights cover only the application stacks (StackNamePrefix) and the Serverless transform', () => {
    const st = policiesOf(new Renderer())
      .identity.filter((p) => p.attachedTo.includes('DeployRole'))
      .flatMap((p) => p.statements)
      .filter((s) => allows(s) && actionsOf(s).some((a) => a.startsWith('cloudformation:')));
    const granted = new Set<string>();
    for (const s of st) {
      for (const a of actionsOf(s)) for (const res of resourcesOf(s)) granted.add(`${a} on ${res}`);
    }
    // What `sam deploy` calls, and nothing that deletes a stack or touches another one.
    for (const a of [
      'CreateChangeSet',
      'DescribeChangeSet',
      'ExecuteChangeSet',
      'DescribeStacks',
      'DescribeStackEvents',
      'GetTemplateSummary',
    ]) {
      expect(granted).toContain(`cloudformation:${a} on ${STACK_ARN}`);
    }
    expect(granted).toContain(`cloudformation:CreateChangeSet on ${TRANSFORM_ARN}`);
    for (const g of granted) {
      expect(g).toMatch(new RegExp(`^cloudformation:[A-Za-z]+ on (${STACK_ARN.replace(/[*]/g, '\\*')}|${TRANSFORM_ARN})$`));
      expect(g).not.toMatch(/DeleteStack|UpdateStack |CreateStack |SetStackPolicy|StackSet/);
    }
  });

  test('can create change sets only with the execution role as the stack role', () => {
    const create = policiesOf(new Renderer())
      .identity.filter((p) => p.attachedTo.includes('DeployRole'))
      .flatMap((p) => p.statements)
      .filter((s) => allows(s) && actionsOf(s).includes('cloudformation:CreateChangeSet') && resourcesOf(s).includes(STACK_ARN));
    expect(create).toHaveLength(1);
    expect(create[0]!.Condition).toEqual({ StringEquals: { 'cloudformation:RoleArn': '<ExecutionRole.Arn>' } });
  });

  test('S3 rights cover only the artifacts bucket: list it, put and get its objects', () => {
    const s3 = policiesOf(new Renderer())
      .identity.filter((p) => p.attachedTo.includes('DeployRole'))
      .flatMap((p) => p.statements)
      .filter((s) => allows(s) && actionsOf(s).some((a) => a.startsWith('s3:')));
    const granted = s3.flatMap((s) => actionsOf(s).flatMap((a) => resourcesOf(s).map((res) => `${a} on ${res}`))).sort();
    expect(granted).toEqual([
      's3:GetBucketLocation on <ArtifactsBucket.Arn>',
      's3:GetObject on <ArtifactsBucket.Arn>/*',
      's3:ListBucket on <ArtifactsBucket.Arn>',
      's3:PutObject on <ArtifactsBucket.Arn>/*',
    ]);
  });

  test('has no rights outside CloudFormation, the artifacts bucket and passing the execution role', () => {
    const services = policiesOf(new Renderer())
      .identity.filter((p) => p.attachedTo.includes('DeployRole'))
      .flatMap((p) => p.statements)
      .filter(allows)
      .flatMap(actionsOf);
    for (const a of services) expect(a).toMatch(/^(cloudformation:|s3:(ListBucket|GetBucketLocation|GetObject|PutObject)$|iam:PassRole$)/);
    // Its rights are one managed policy of this template's, which is also its boundary; no inline policy.
    const role = resource('DeployRole').Properties;
    expect(role.ManagedPolicyArns).toEqual([{ Ref: 'DeployRolePolicy' }]);
    expect(role.PermissionsBoundary).toEqual({ Ref: 'DeployRolePolicy' });
    expect(role.Policies).toBeUndefined();
  });
});

describe('iam/deploy-access.yml: the CloudFormation execution role', () => {
  test('can be assumed by CloudFormation only', () => {
    const [trust] = policiesOf(new Renderer()).trust.filter((p) => p.attachedTo.includes('ExecutionRole'));
    expect(trust!.statements).toEqual([
      { Sid: expect.any(String), Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('takes its broad rights only from the user-chosen ExecutionRolePolicyArns parameter (default PowerUserAccess)', () => {
    expect(resource('ExecutionRole').Properties.ManagedPolicyArns).toEqual({ Ref: 'ExecutionRolePolicyArns' });
    expect(parameters.ExecutionRolePolicyArns).toMatchObject({
      Type: 'CommaDelimitedList',
      Default: 'arn:aws:iam::aws:policy/PowerUserAccess',
    });
  });

  test('may manage IAM roles named <StackNamePrefix>* only, and can never change the deploy-access roles or user', () => {
    const st = policiesOf(new Renderer())
      .identity.filter((p) => p.attachedTo.includes('ExecutionRole'))
      .flatMap((p) => p.statements);
    for (const s of st.filter(allows).filter((s) => actionsOf(s).some((a) => a.startsWith('iam:')))) {
      expect(resourcesOf(s)).toEqual([`arn:aws:iam::${ACCOUNT}:role/sam-app*`]);
    }
    const deny = st.find((s) => s.Effect === 'Deny');
    expect(deny).toBeDefined();
    expect(actionsOf(deny!)).toEqual(['iam:*']);
    expect(resourcesOf(deny!).sort()).toEqual(
      [
        `arn:aws:iam::${ACCOUNT}:role/sam-cli-user-deploy-role`,
        `arn:aws:iam::${ACCOUNT}:role/sam-cli-user-cfn-execution-role`,
        `arn:aws:iam::${ACCOUNT}:role/sam-cli-user-rotator-role`,
        `arn:aws:iam::${ACCOUNT}:user/sam-cli-user`,
        `arn:aws:iam::${ACCOUNT}:policy/sam-cli-user-deploy-role-policy`,
        `arn:aws:iam::${ACCOUNT}:policy/sam-cli-user-key-rotator`,
        `arn:aws:iam::${ACCOUNT}:role/sam-cli-user-key-age-watcher-role`,
        `arn:aws:iam::${ACCOUNT}:policy/sam-cli-user-key-age-watcher`,
      ].sort(),
    );
    // Those names are exactly what the template creates.
    const r = new Renderer();
    expect(r.render(resource('DeployRole').Properties.RoleName)).toBe('sam-cli-user-deploy-role');
    expect(r.render(resource('ExecutionRole').Properties.RoleName)).toBe('sam-cli-user-cfn-execution-role');
    expect(r.render(resource('RotatorRole').Properties.RoleName)).toBe('sam-cli-user-rotator-role');
    expect(r.render(resource('DeployRolePolicy').Properties.ManagedPolicyName)).toBe('sam-cli-user-deploy-role-policy');
    expect(r.render(resource('RotatorPolicy').Properties.ManagedPolicyName)).toBe('sam-cli-user-key-rotator');
    expect(r.render(resource('KeyAgeWatcherRole').Properties.RoleName)).toBe('sam-cli-user-key-age-watcher-role');
    expect(r.render(resource('KeyAgeWatcherPolicy').Properties.ManagedPolicyName)).toBe('sam-cli-user-key-age-watcher');
  });

  test('with AppRolePermissionsBoundaryArn set, roles it creates or grants to must carry that boundary, which it cannot remove', () => {
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/app-boundary`;
    const st = policiesOf(new Renderer({ AppRolePermissionsBoundaryArn: boundary }))
      .identity.filter((p) => p.attachedTo.includes('ExecutionRole'))
      .flatMap((p) => p.statements)
      .filter(allows);
    const granting = ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary'];
    for (const a of granting) {
      const s = st.filter((s) => actionsOf(s).includes(a));
      expect(s).toHaveLength(1);
      expect(s[0]!.Condition).toEqual({ StringEquals: { 'iam:PermissionsBoundary': boundary } });
    }
    expect(st.flatMap(actionsOf)).not.toContain('iam:DeleteRolePermissionsBoundary');

    // Without a boundary the same actions are unconditional (on <prefix>* roles only).
    const plain = policiesOf(new Renderer())
      .identity.filter((p) => p.attachedTo.includes('ExecutionRole'))
      .flatMap((p) => p.statements)
      .filter((s) => allows(s) && actionsOf(s).includes('iam:CreateRole'));
    expect(plain[0]!.Condition).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// No identity the template creates can widen its own or another's permissions (docs/security.md).
// ---------------------------------------------------------------------------------------------

describe("iam/deploy-access.yml: no identity can widen its own or another's permissions", () => {
  const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/app-boundary`;
  const REPO = 'octo-org/serverless-app';
  /** Every shape that creates the most identities; `sam` is a prefix of the user name, so `sam*` patterns reach them. */
  const SHAPES: Params[] = [
    {
      GitHubRepository: REPO,
      RotatorRoleRepository: REPO,
      KeyAgeWatcherRepository: REPO,
      AllowSessionTags: 'true',
      AllowSourceIdentity: 'true',
    },
    { RotatorRoleRepository: REPO, KeyAgeWatcherRepository: REPO, StackNamePrefix: 'sam' },
    {
      GitHubRepository: REPO,
      RotatorRoleRepository: REPO,
      KeyAgeWatcherRepository: REPO,
      StackNamePrefix: 'sam',
      AppRolePermissionsBoundaryArn: BOUNDARY,
    },
  ];
  /** Actions that give an identity more rights, or take a cap away. */
  const ESCALATION = [
    'iam:PutRolePolicy',
    'iam:AttachRolePolicy',
    'iam:DeleteRolePolicy',
    'iam:DetachRolePolicy',
    'iam:UpdateAssumeRolePolicy',
    'iam:PutRolePermissionsBoundary',
    'iam:DeleteRolePermissionsBoundary',
    'iam:PutUserPolicy',
    'iam:AttachUserPolicy',
    'iam:DeleteUserPolicy',
    'iam:DetachUserPolicy',
    'iam:AddUserToGroup',
    'iam:PutUserPermissionsBoundary',
    'iam:DeleteUserPermissionsBoundary',
    'iam:CreateAccessKey',
    'iam:CreateLoginProfile',
    'iam:UpdateLoginProfile',
    'iam:CreatePolicyVersion',
    'iam:SetDefaultPolicyVersion',
    'iam:DeletePolicyVersion',
    'iam:DeletePolicy',
    'iam:PassRole',
    'sts:AssumeRole',
    'sts:AssumeRoleWithWebIdentity',
  ];
  /** The template's identities and policies by the ARN IAM sees, and the `<…>` names rendering gives them. */
  const arns = {
    DeployUser: `arn:aws:iam::${ACCOUNT}:user/sam-cli-user`,
    DeployRole: `arn:aws:iam::${ACCOUNT}:role/sam-cli-user-deploy-role`,
    ExecutionRole: `arn:aws:iam::${ACCOUNT}:role/sam-cli-user-cfn-execution-role`,
    RotatorRole: `arn:aws:iam::${ACCOUNT}:role/sam-cli-user-rotator-role`,
    KeyAgeWatcherRole: `arn:aws:iam::${ACCOUNT}:role/sam-cli-user-key-age-watcher-role`,
    DeployRolePolicy: `arn:aws:iam::${ACCOUNT}:policy/sam-cli-user-deploy-role-policy`,
    RotatorPolicy: `arn:aws:iam::${ACCOUNT}:policy/sam-cli-user-key-rotator`,
    KeyAgeWatcherPolicy: `arn:aws:iam::${ACCOUNT}:policy/sam-cli-user-key-age-watcher`,
  };
  const concrete = (res: string) =>
    res
      .replace(/^<(DeployUser|DeployRole|ExecutionRole|RotatorRole|KeyAgeWatcherRole)\.Arn>$/, (_m, id: keyof typeof arns) => arns[id])
      .replace(/^<(DeployRolePolicy|RotatorPolicy|KeyAgeWatcherPolicy)>$/, (_m, id: keyof typeof arns) => arns[id]);
  type Decision = 'deny' | 'allow' | 'none';
  /** IAM's order for one identity's statements: an unconditional explicit deny wins; a conditional allow still counts as an allow. */
  function decide(statements: Statement[], action: string, arn: string): Decision {
    const hits = statements.filter(
      (s) =>
        actionsOf(s).some((a) => actionMatches(a, action)) &&
        resourcesOf(s)
          .map(concrete)
          .some((res) => resourceMatches(res, arn)),
    );
    if (hits.some((s) => s.Effect === 'Deny' && s.Condition === undefined)) return 'deny';
    return hits.some(allows) ? 'allow' : 'none';
  }
  /** The statements each identity holds: its policies, RotatorPolicy on its own for the person it is attached to. */
  function holders(r: Renderer): Map<string, Statement[]> {
    const map = new Map<string, Statement[]>();
    for (const p of policiesOf(r).identity) {
      for (const who of p.attachedTo.length > 0 ? p.attachedTo : [p.where]) map.set(who, [...(map.get(who) ?? []), ...p.statements]);
    }
    map.set('RotatorPolicy', policiesOf(r).identity.find((p) => p.where === 'RotatorPolicy')!.statements);
    return map;
  }
  /** What each identity is meant to reach of the others, and why. Everything else must be 'none' or 'deny'. */
  const INTENDED: Record<string, string[]> = {
    // The user's one job.
    DeployUser: ['sts:AssumeRole on DeployRole'],
    // sam deploy hands the execution role to CloudFormation (only to it: see the PassRole test).
    DeployRole: ['iam:PassRole on ExecutionRole'],
    // Rotation creates the user's keys (so its holder can deploy as the user) and revoke writes the
    // role's session deny; the deploy role's boundary caps whatever that inline policy says.
    RotatorPolicy: ['iam:CreateAccessKey on DeployUser', 'iam:PutRolePolicy on DeployRole'],
    RotatorRole: ['iam:CreateAccessKey on DeployUser', 'iam:PutRolePolicy on DeployRole'],
    // Reads the user's key metadata (not an escalation) and nothing else.
    KeyAgeWatcherRole: [],
    ExecutionRole: [],
  };

  test.each(SHAPES)('each identity reaches the others only as intended (%p)', (shape) => {
    const r = new Renderer(shape);
    const reached: Record<string, string[]> = {};
    for (const [who, statements] of holders(r)) {
      reached[who] = [];
      for (const action of ESCALATION) {
        for (const [target, arn] of Object.entries(arns)) {
          if (decide(statements, action, arn) === 'allow') reached[who]!.push(`${action} on ${target}`);
        }
      }
      reached[who]!.sort();
    }
    expect(reached).toEqual(Object.fromEntries(Object.entries(INTENDED).map(([k, v]) => [k, [...v].sort()])));
  });

  test.each(SHAPES)(
    "the execution role, whose managed policies may allow iam:* (AdministratorAccess), is denied every IAM action on the template's identities and policies (%p)",
    (shape) => {
      const st = holders(new Renderer(shape)).get('ExecutionRole')!;
      for (const [target, arn] of Object.entries(arns)) {
        for (const action of [...ESCALATION.filter((a) => a.startsWith('iam:')), 'iam:UpdateRole', 'iam:TagRole']) {
          expect([action, target, decide(st, action, arn)]).toEqual([action, target, 'deny']);
        }
      }
    },
  );

  test("the deploy role carries a permissions boundary equal to its only policy, so an inline policy (revoke's, or anything the rotator writes) can add nothing", () => {
    for (const shape of SHAPES) {
      const r = new Renderer(shape);
      expect(r.boundaries()).toEqual({
        DeployRole: 'DeployRolePolicy',
        RotatorRole: 'RotatorPolicy',
        KeyAgeWatcherRole: 'KeyAgeWatcherPolicy',
      });
      const onRole = policiesOf(r).identity.filter((p) => p.attachedTo.includes('DeployRole'));
      expect(onRole.map((p) => p.where)).toEqual(['DeployRolePolicy']);
      // The boundary grants nothing that would let the role change any identity's rights.
      for (const action of ESCALATION.filter((a) => a !== 'iam:PassRole')) {
        for (const arn of [...Object.values(arns), `arn:aws:iam::${ACCOUNT}:role/sam-app-anything`, '*']) {
          expect([action, arn, decide(onRole[0]!.statements, action, arn)]).toEqual([action, arn, 'none']);
        }
      }
    }
  });

  test("revoke still works: the rotator may write the deploy role's inline policy, and a deny there is not capped by the boundary", () => {
    // A permissions boundary caps what identity policies allow; an explicit deny in an inline
    // policy applies whatever the boundary says. The rotator writes exactly that deny.
    const st = holders(new Renderer({ RotatorRoleRepository: REPO })).get('RotatorRole')!;
    expect(decide(st, 'iam:PutRolePolicy', arns.DeployRole)).toBe('allow');
    expect(decide(st, 'iam:DeleteRolePolicy', arns.DeployRole)).toBe('none');
  });

  test('with AppRolePermissionsBoundaryArn, the execution role may not rewrite or delete that boundary policy', () => {
    const st = holders(new Renderer({ AppRolePermissionsBoundaryArn: BOUNDARY })).get('ExecutionRole')!;
    for (const action of ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy']) {
      expect([action, decide(st, action, BOUNDARY)]).toEqual([action, 'deny']);
    }
  });
});

describe('iam/deploy-access.yml: the artifacts bucket', () => {
  const bucket = () => obj(new Renderer().render(resource('ArtifactsBucket').Properties), 'bucket');

  test('blocks all public access and disables ACLs', () => {
    expect(bucket().PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket().OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  });

  test('is encrypted at rest by default', () => {
    const rules = list(obj(bucket().BucketEncryption, 'BucketEncryption').ServerSideEncryptionConfiguration as Obj[]);
    expect(rules).toHaveLength(1);
    expect(['AES256', 'aws:kms', 'aws:kms:dsse']).toContain(obj(rules[0]!.ServerSideEncryptionByDefault, 'sse').SSEAlgorithm);
  });

  test('is versioned, and a lifecycle rule expires old noncurrent versions', () => {
    expect(bucket().VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const rules = list(obj(bucket().LifecycleConfiguration, 'LifecycleConfiguration').Rules as Obj[]);
    const expiring = rules.filter((r) => r.Status === 'Enabled' && isObj(r.NoncurrentVersionExpiration));
    expect(expiring).toHaveLength(1);
    expect(Number(obj(expiring[0]!.NoncurrentVersionExpiration, 'nve').NoncurrentDays)).toBeGreaterThan(0);
    // Current versions are not expired: a rollback of the deployed stack may still need them.
    expect(rules.every((r) => r.ExpirationInDays === undefined && r.ExpirationDate === undefined)).toBe(true);
  });

  test('its bucket policy denies every request not made over TLS', () => {
    const [policy] = policiesOf(new Renderer()).bucket;
    expect(policy!.attachedTo).toEqual(['ArtifactsBucket']);
    const deny = policy!.statements.filter((s) => s.Effect === 'Deny');
    expect(deny).toContainEqual(
      expect.objectContaining({
        Principal: '*',
        Action: 's3:*',
        Resource: expect.arrayContaining(['<ArtifactsBucket.Arn>', '<ArtifactsBucket.Arn>/*']),
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(policy!.statements.filter(allows)).toEqual([]);
  });

  test('is kept when the stack is deleted (deployed stacks may still need its artifacts)', () => {
    expect(obj(resources.ArtifactsBucket, 'bucket')).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('iam/deploy-access.yml: least privilege across the whole template', () => {
  /**
   * Where a `*` action or a `*`-only resource would be unavoidable, it is listed here with the
   * reason. Today the list is empty: every call `sam deploy` makes (see the deploy role's
   * policy) supports resource-level permissions. cloudformation:ValidateTemplate, which does
   * not, is called by `sam validate`, not by `sam deploy`, so the role does not get it.
   * Deny statements may use wildcards: they only take rights away.
   */
  const WILDCARD_EXCEPTIONS: { where: string; action: string; reason: string }[] = [];

  test.each(ALL_COMBINATIONS)('no Allow statement has a wildcard action, a "*"-only resource, NotAction or NotResource (%p)', (combo) => {
    const r = new Renderer(combo);
    const { identity, trust, bucket } = policiesOf(r);
    const offences: string[] = [];
    for (const p of [...identity, ...trust, ...bucket]) {
      for (const s of p.statements.filter(allows)) {
        if (s.NotAction !== undefined || s.NotResource !== undefined) offences.push(`${p.where}: NotAction/NotResource`);
        for (const a of actionsOf(s)) {
          const excepted = WILDCARD_EXCEPTIONS.some((e) => e.where === p.where && e.action === a);
          if (a.includes('*') && !excepted) offences.push(`${p.where}: action ${a}`);
          if (resourcesOf(s).includes('*') && !excepted) offences.push(`${p.where}: ${a} on "*"`);
        }
        // A principal wildcard in an Allow would open a trust or bucket policy to everyone.
        if (JSON.stringify(s.Principal ?? '').includes('"*"') || s.Principal === '*') offences.push(`${p.where}: Principal *`);
      }
    }
    expect(offences).toEqual([]);
  });

  test("managed policies: the ones the user chooses for the execution role, otherwise only the template's own", () => {
    const own = Object.keys(resources).filter((id) => resource(id).Type === 'AWS::IAM::ManagedPolicy');
    expect(own.sort()).toEqual(['DeployRolePolicy', 'KeyAgeWatcherPolicy', 'RotatorPolicy']);
    for (const id of Object.keys(resources)) {
      const props = resource(id).Properties;
      if (id === 'ExecutionRole') continue;
      for (const arn of list(props.ManagedPolicyArns as unknown[] | undefined)) {
        expect([id, arn]).toEqual([id, { Ref: expect.stringMatching(new RegExp(`^(${own.join('|')})$`)) }]);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// A real CloudFormation linter.
// ---------------------------------------------------------------------------------------------

/**
 * cfn-lint is a Python tool (PyPI `cfn-lint`). It is not in the npm registry (the npm package
 * of that name is an unrelated, long-unmaintained validator with an old resource spec) nor in
 * Debian, so it cannot be a devDependency. The test runs it when it is on PATH, skips loudly
 * when it is not, and fails instead of skipping when REQUIRE_CFN_LINT=1.
 */
const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const lintTest = testWithTool(!cfnLint.error && cfnLint.status === 0, {
  requireVariable: 'REQUIRE_CFN_LINT',
  missing: 'cfn-lint cannot run (pip install cfn-lint), so iam/deploy-access.yml is NOT linted',
});

describe('iam/deploy-access.yml: cfn-lint', () => {
  lintTest('cfn-lint reports nothing, informational checks included', () => {
    const run = spawnSync('cfn-lint', ['--include-checks', 'I', '--', TEMPLATE_PATH], { encoding: 'utf8' });
    expect({ status: run.status, out: `${run.stdout}${run.stderr}`.trim() }).toEqual({ status: 0, out: '' });
  });

  lintTest('cfn-lint does fail on a broken copy of the template (the check above is not vacuous)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfn-lint-'));
    try {
      const broken = join(dir, 'broken.yml');
      copyFileSync(TEMPLATE_PATH, broken);
      // An out-of-range value and an unknown property, both things cfn-lint knows about.
      writeFileSync(
        broken,
        readFileSync(broken, 'utf8')
          .replace('SSEAlgorithm: AES256', 'SSEAlgorithm: ROT13')
          .replace('VersioningConfiguration:', 'VersioningConfig:'),
      );
      const run = spawnSync('cfn-lint', ['--', broken], { encoding: 'utf8' });
      expect(run.status).not.toBe(0);
      expect(run.stdout).toMatch(/ROT13|VersioningConfig/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Keyless: trust for one repository's GitHub OIDC tokens, alongside or instead of the user.
// ---------------------------------------------------------------------------------------------

describe('iam/deploy-access.yml: keyless (GitHub OIDC)', () => {
  const REPO = 'octo-org/serverless-app';
  const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
  const trustOf = (r: Renderer) => policiesOf(r).trust.find((p) => p.attachedTo.includes('DeployRole'))!.statements;
  const federated = (r: Renderer) => trustOf(r).filter((s) => isObj(s.Principal) && 'Federated' in s.Principal);

  test('off by default: no provider, no federated trust', () => {
    const r = new Renderer();
    expect(r.creates('GitHubOidcProvider')).toBe(false);
    expect(federated(r)).toEqual([]);
  });

  test('with GitHubRepository: creates the provider for sts.amazonaws.com and trusts every run of that repository only', () => {
    const r = new Renderer({ GitHubRepository: REPO });
    expect(r.creates('GitHubOidcProvider')).toBe(true);
    expect(r.render(resource('GitHubOidcProvider').Properties)).toEqual({
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
    expect(federated(r)).toEqual([
      {
        Sid: 'GitHubActionsOfOneRepository',
        Effect: 'Allow',
        Principal: { Federated: '<GitHubOidcProvider>' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': `repo:${REPO}:*` },
        },
      },
    ]);
    // Alongside the user, which keeps its own statement.
    expect(trustOf(r).filter((s) => isObj(s.Principal) && 'AWS' in s.Principal)).toHaveLength(1);
  });

  test('with GitHubEnvironment: only jobs in that environment', () => {
    const [statement] = federated(new Renderer({ GitHubRepository: REPO, GitHubEnvironment: 'production' }));
    expect(statement?.Condition).toMatchObject({
      StringLike: { 'token.actions.githubusercontent.com:sub': `repo:${REPO}:environment:production` },
    });
  });

  test("with GitHubRepository in the immutable form: the trust names the ids as the tokens' sub does", () => {
    const immutable = 'octo-org@123/serverless-app@456';
    const [statement] = federated(new Renderer({ GitHubRepository: immutable }));
    expect(statement?.Condition).toMatchObject({ StringLike: { 'token.actions.githubusercontent.com:sub': `repo:${immutable}:*` } });
    const [inEnvironment] = federated(new Renderer({ GitHubRepository: immutable, GitHubEnvironment: 'production' }));
    expect(inEnvironment?.Condition).toMatchObject({
      StringLike: { 'token.actions.githubusercontent.com:sub': `repo:${immutable}:environment:production` },
    });
    expect(new Renderer({ GitHubRepository: immutable }).render(obj(outputs.GitHubSubjectTrusted, 'GitHubSubjectTrusted').Value)).toBe(
      `repo:${immutable}:*`,
    );
  });

  test("with GitHubOidcProviderArn: reuses the account's provider instead of creating a second one", () => {
    const r = new Renderer({ GitHubRepository: REPO, GitHubOidcProviderArn: PROVIDER });
    expect(r.creates('GitHubOidcProvider')).toBe(false);
    expect(federated(r)[0]?.Principal).toEqual({ Federated: PROVIDER });
  });

  test('with CreateDeployUser false: no user, no user policy, no key output; the role trusts GitHub only', () => {
    const r = new Renderer({ GitHubRepository: REPO, CreateDeployUser: 'false', AllowSessionTags: 'true', AllowSourceIdentity: 'true' });
    expect(r.creates('DeployUser')).toBe(false);
    expect(r.creates('DeployUserPolicy')).toBe(false);
    expect(trustOf(r).map((s) => s.Principal)).toEqual([{ Federated: '<GitHubOidcProvider>' }]);
    for (const output of ['DeployUserName', 'NextStep1CreateKeyAndStoreSecrets'])
      expect(obj(outputs[output], output).Condition).toBe('HasDeployUser');
    expect(obj(outputs.GitHubSubjectTrusted, 'GitHubSubjectTrusted').Condition).toBe('TrustsGitHub');
  });

  test('a rule refuses a stack that nobody could use (no user and no repository)', () => {
    const rules = JSON.stringify(template.Rules);
    expect(rules).toContain('CreateDeployUser');
    expect(rules).toContain('GitHubRepository');
  });

  test('parameters refuse patterns that would widen the trust', () => {
    const pattern = (name: string) => new RegExp(String(obj(parameters[name], name).AllowedPattern));
    expect(pattern('GitHubRepository').test(REPO)).toBe(true);
    expect(pattern('GitHubRepository').test('octo-org/*')).toBe(false);
    expect(pattern('GitHubEnvironment').test('production')).toBe(true);
    expect(pattern('GitHubEnvironment').test('prod*')).toBe(false);
    // GitHub's immutable sub form (repositories created since 15 July 2026): both ids, digits only.
    expect(pattern('GitHubRepository').test('octo-org@123/serverless-app@456')).toBe(true);
    for (const bad of [
      'octo-org@123/serverless-app',
      'octo-org/serverless-app@456',
      'octo-org@*/serverless-app@456',
      'octo-org@12a/serverless-app@4',
      'octo-org@123/*@456',
    ]) {
      expect([bad, pattern('GitHubRepository').test(bad)]).toEqual([bad, false]);
    }
    expect(pattern('RotatorRoleRepository').test('octo-org@123/serverless-app@456')).toBe(true);
    expect(pattern('RotatorRoleRepository').test('octo-org/*')).toBe(false);
    expect(pattern('KeyAgeWatcherRepository').test('octo-org@123/serverless-app@456')).toBe(true);
    for (const bad of ['octo-org/*', 'octo-org@123/serverless-app', 'octo-org/serverless-app:environment:production']) {
      expect([bad, pattern('KeyAgeWatcherRepository').test(bad)]).toEqual([bad, false]);
    }
    expect(pattern('GitHubOidcProviderArn').test(PROVIDER)).toBe(true);
    expect(pattern('GitHubOidcProviderArn').test(`arn:aws:iam::${ACCOUNT}:oidc-provider/example.com`)).toBe(false);
  });
});

describe('iam/deploy-access.yml: the rotator role (RotatorRoleRepository, for the scheduled rotate action)', () => {
  const REPO = 'octo-org/serverless-app';
  const on = (extra: Params = {}) => new Renderer({ RotatorRoleRepository: REPO, ...extra });
  const rotatorTrust = (r: Renderer) => policiesOf(r).trust.find((p) => p.attachedTo.includes('RotatorRole'))!.statements;
  const deployFederated = (r: Renderer) =>
    policiesOf(r)
      .trust.find((p) => p.attachedTo.includes('DeployRole'))!
      .statements.filter((s) => isObj(s.Principal) && 'Federated' in s.Principal);

  test('off by default, and never without the user', () => {
    expect(new Renderer().creates('RotatorRole')).toBe(false);
    expect(new Renderer({ GitHubRepository: REPO }).creates('RotatorRole')).toBe(false);
    expect(on({ CreateDeployUser: 'false', GitHubRepository: REPO }).creates('RotatorRole')).toBe(false);
    expect(JSON.stringify(obj(template.Rules, 'Rules').RotatorRoleNeedsTheUser)).toContain('RotatorRoleRepository');
  });

  test('gives the deploy role no keyless trust: a stack with keys gets a keyless rotator and nothing more', () => {
    const r = on();
    expect(r.creates('RotatorRole')).toBe(true);
    expect(r.creates('GitHubOidcProvider')).toBe(true);
    expect(deployFederated(r)).toEqual([]);
    expect(obj(outputs.GitHubSubjectTrusted, 'GitHubSubjectTrusted').Condition).toBe('TrustsGitHub');
  });

  test.each([REPO, 'octo-org@123/serverless-app@456'])(
    "trusts GitHub's OIDC tokens of %s's key-rotation environment only, compared exactly",
    (repository) => {
      const r = on({ RotatorRoleRepository: repository });
      expect(r.creates('RotatorRole')).toBe(true);
      expect(rotatorTrust(r)).toEqual([
        {
          Sid: 'GitHubActionsInTheKeyRotationEnvironment',
          Effect: 'Allow',
          Principal: { Federated: '<GitHubOidcProvider>' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': `repo:${repository}:environment:key-rotation`,
            },
          },
        },
      ]);
      expect(r.render(obj(outputs.RotatorSubjectTrusted, 'RotatorSubjectTrusted').Value)).toBe(
        `repo:${repository}:environment:key-rotation`,
      );
    },
  );

  test('holds RotatorPolicy only, which is also its boundary; its ARN is an output', () => {
    const r = on();
    const props = obj(r.render(resource('RotatorRole').Properties), 'RotatorRole');
    expect(props.ManagedPolicyArns).toEqual(['<RotatorPolicy>']);
    expect(props.PermissionsBoundary).toBe('<RotatorPolicy>');
    expect(props.Policies).toBeUndefined();
    expect(
      policiesOf(r)
        .identity.filter((p) => p.attachedTo.includes('RotatorRole'))
        .map((p) => p.where),
    ).toEqual(['RotatorPolicy']);
    expect(obj(outputs.RotatorRoleArn, 'RotatorRoleArn')).toMatchObject({
      Condition: 'CreatesRotatorRole',
      Value: { 'Fn::GetAtt': ['RotatorRole', 'Arn'] },
    });
  });

  test("reuses the account's provider when given, like the deploy role", () => {
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    expect(rotatorTrust(on({ GitHubOidcProviderArn: provider }))[0]!.Principal).toEqual({ Federated: provider });
  });
});

describe('iam/deploy-access.yml: the key-age watcher role (KeyAgeWatcherRepository, for the scheduled key-age check)', () => {
  const REPO = 'octo-org/serverless-app';
  const on = (extra: Params = {}) => new Renderer({ KeyAgeWatcherRepository: REPO, ...extra });
  const watcherTrust = (r: Renderer) => policiesOf(r).trust.find((p) => p.attachedTo.includes('KeyAgeWatcherRole'))!.statements;
  const watcherPolicies = (r: Renderer) => policiesOf(r).identity.filter((p) => p.attachedTo.includes('KeyAgeWatcherRole'));

  test('off by default, and never without the user', () => {
    expect(new Renderer().creates('KeyAgeWatcherRole')).toBe(false);
    expect(new Renderer().creates('KeyAgeWatcherPolicy')).toBe(false);
    expect(new Renderer({ GitHubRepository: REPO, RotatorRoleRepository: REPO }).creates('KeyAgeWatcherRole')).toBe(false);
    expect(on({ CreateDeployUser: 'false', GitHubRepository: REPO }).creates('KeyAgeWatcherRole')).toBe(false);
    expect(JSON.stringify(obj(template.Rules, 'Rules').KeyAgeWatcherNeedsTheUser)).toContain('KeyAgeWatcherRepository');
  });

  test('gives the deploy role no keyless trust; the provider is created (or reused) for it alone', () => {
    const r = on();
    expect(r.creates('KeyAgeWatcherRole')).toBe(true);
    expect(r.creates('GitHubOidcProvider')).toBe(true);
    expect(
      policiesOf(r)
        .trust.find((p) => p.attachedTo.includes('DeployRole'))!
        .statements.filter((s) => isObj(s.Principal) && 'Federated' in s.Principal),
    ).toEqual([]);
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    expect(watcherTrust(on({ GitHubOidcProviderArn: provider }))[0]!.Principal).toEqual({ Federated: provider });
  });

  test.each([REPO, 'octo-org@123/serverless-app@456'])(
    "trusts GitHub's OIDC tokens of %s's key-age environment only, compared exactly",
    (repository) => {
      const r = on({ KeyAgeWatcherRepository: repository });
      expect(r.render(resource('KeyAgeWatcherRole').Properties.RoleName)).toBe('sam-cli-user-key-age-watcher-role');
      expect(watcherTrust(r)).toEqual([
        {
          Sid: 'GitHubActionsInTheKeyAgeEnvironment',
          Effect: 'Allow',
          Principal: { Federated: '<GitHubOidcProvider>' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': `repo:${repository}:environment:key-age`,
            },
          },
        },
      ]);
      expect(r.render(obj(outputs.KeyAgeWatcherSubjectTrusted, 'KeyAgeWatcherSubjectTrusted').Value)).toBe(
        `repo:${repository}:environment:key-age`,
      );
    },
  );

  test("may only list the user's keys and read their last use, named by ARN; that policy is also its boundary; its ARN is an output", () => {
    const r = on();
    expect(watcherPolicies(r).map((p) => [p.where, p.statements])).toEqual([
      [
        'KeyAgeWatcherPolicy',
        [
          {
            Sid: 'ReadTheDeployUsersKeyMetadata',
            Effect: 'Allow',
            Action: ['iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed'],
            Resource: '<DeployUser.Arn>',
          },
        ],
      ],
    ]);
    const props = obj(r.render(resource('KeyAgeWatcherRole').Properties), 'KeyAgeWatcherRole');
    expect(props.ManagedPolicyArns).toEqual(['<KeyAgeWatcherPolicy>']);
    expect(props.PermissionsBoundary).toBe('<KeyAgeWatcherPolicy>');
    expect(props.Policies).toBeUndefined();
    expect(r.render(resource('KeyAgeWatcherPolicy').Properties.ManagedPolicyName)).toBe('sam-cli-user-key-age-watcher');
    expect(obj(outputs.KeyAgeWatcherRoleArn, 'KeyAgeWatcherRoleArn')).toMatchObject({
      Condition: 'CreatesKeyAgeWatcherRole',
      Value: { 'Fn::GetAtt': ['KeyAgeWatcherRole', 'Arn'] },
    });
    expect(String(obj(outputs.KeyAgeWatcherRoleArn, 'KeyAgeWatcherRoleArn').Description)).toContain('AWS_KEY_AGE_ROLE_ARN');
    expect(obj(outputs.NextStepKeyAgeVariable, 'NextStepKeyAgeVariable').Condition).toBe('CreatesKeyAgeWatcherRole');
    expect(r.render(obj(outputs.NextStepKeyAgeVariable, 'NextStepKeyAgeVariable').Value)).toBe(
      'gh variable set --env key-age AWS_KEY_AGE_ROLE_ARN --body <KeyAgeWatcherRole.Arn>',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// A second stage, often in another account: the user of stage A may assume stage B's role.
// ---------------------------------------------------------------------------------------------

describe("iam/deploy-access.yml: another stage's user (cross-account)", () => {
  const ACCOUNT_A = '111111111111';
  const ACCOUNT_B = '222222222222';
  const USER_A = `arn:aws:iam::${ACCOUNT_A}:user/sam-cli-user`;
  const ROLE_B = `arn:aws:iam::${ACCOUNT_B}:role/sam-app-prod-deploy-role`;
  /** Stage A's stack (the user's account) and stage B's (the production account). */
  const stageA = (extra: Params = {}) =>
    new TemplateRenderer(cfn, { OtherDeployRoleArns: [ROLE_B], ...extra }, { account: ACCOUNT_A, region: REGION });
  const stageB = (extra: Params = {}) =>
    new TemplateRenderer(
      cfn,
      { UserName: 'sam-app-prod', CreateDeployUser: 'false', TrustedUserArn: USER_A, ...extra },
      { account: ACCOUNT_B, region: REGION },
    );
  const trustOf = (r: TemplateRenderer) => r.policies().trust.find((p) => p.attachedTo.includes('DeployRole'))!.statements;
  const userGrants = (r: TemplateRenderer) =>
    r
      .policies()
      .identity.filter((p) => p.attachedTo.includes('DeployUser'))
      .flatMap((p) => p.statements.filter(allows))
      .flatMap((s) => actionsOf(s).flatMap((a) => resourcesOf(s).map((res) => `${a} on ${res}`)))
      .sort();

  test("off by default: the user assumes its own stack's role only, and the role trusts that user only", () => {
    const r = new Renderer();
    expect(userGrants(r).filter((g) => g.startsWith('sts:'))).toEqual(['sts:AssumeRole on <DeployRole.Arn>']);
    expect(trustOf(r).map((s) => s.Principal)).toEqual([{ AWS: '<DeployUser.Arn>' }]);
  });

  test("account B: the deploy role trusts account A's user by its ARN (not A's root), and B has no user of its own", () => {
    const r = stageB();
    expect(r.creates('DeployUser')).toBe(false);
    expect(trustOf(r)).toEqual([{ Sid: 'TheUserOfAnotherStage', Effect: 'Allow', Principal: { AWS: USER_A }, Action: 'sts:AssumeRole' }]);
    expect(JSON.stringify(trustOf(r))).not.toContain(':root');
    expect(r.render(obj(outputs.DeployRoleArn, 'DeployRoleArn').Value)).toBe('<DeployRole.Arn>');
    expect(r.isTrue('TrustsAnotherStagesUser')).toBe(true);
  });

  test("account A: the user's identity policy also allows sts:AssumeRole on B's role, nothing wider", () => {
    expect(userGrants(stageA()).filter((g) => g.startsWith('sts:'))).toEqual([
      'sts:AssumeRole on <DeployRole.Arn>',
      `sts:AssumeRole on ${ROLE_B}`,
    ]);
  });

  test('session tags and source identity: on both sides, only when enabled', () => {
    const both = { AllowSessionTags: 'true', AllowSourceIdentity: 'true' };
    expect(userGrants(stageA(both)).filter((g) => g.includes(ROLE_B))).toEqual(
      ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'].map((a) => `${a} on ${ROLE_B}`),
    );
    expect(
      trustOf(stageB(both))
        .flatMap((s) => actionsOf(s))
        .sort(),
    ).toEqual(['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession']);
    expect(trustOf(stageB(both)).every((s) => JSON.stringify(s.Principal) === JSON.stringify({ AWS: USER_A }))).toBe(true);
  });

  test("a stage with its own user and another stage's user trusts both, each by ARN", () => {
    expect(trustOf(stageB({ CreateDeployUser: 'true' })).map((s) => s.Principal)).toEqual([{ AWS: '<DeployUser.Arn>' }, { AWS: USER_A }]);
  });

  test('parameters take one user and exact role ARNs: no wildcard, no account root, no other resource type', () => {
    const pattern = (name: string) => new RegExp(String(obj(parameters[name], name).AllowedPattern));
    expect(pattern('TrustedUserArn').test(USER_A)).toBe(true);
    expect(pattern('TrustedUserArn').test(`arn:aws:iam::${ACCOUNT_A}:user/ci/sam-cli-user`)).toBe(true);
    expect(pattern('TrustedUserArn').test('')).toBe(true);
    for (const bad of [
      `arn:aws:iam::${ACCOUNT_A}:root`,
      `arn:aws:iam::${ACCOUNT_A}:user/*`,
      `arn:aws:iam::${ACCOUNT_A}:role/x`,
      ACCOUNT_A,
      '*',
    ]) {
      expect([bad, pattern('TrustedUserArn').test(bad)]).toEqual([bad, false]);
    }
    expect(obj(parameters.OtherDeployRoleArns, 'OtherDeployRoleArns').Type).toBe('CommaDelimitedList');
    expect(pattern('OtherDeployRoleArns').test(ROLE_B)).toBe(true);
    expect(pattern('OtherDeployRoleArns').test('')).toBe(true);
    for (const bad of [
      `arn:aws:iam::${ACCOUNT_B}:role/*`,
      `arn:aws:iam::${ACCOUNT_B}:role/sam-*`,
      `arn:aws:iam::${ACCOUNT_B}:user/x`,
      '*',
    ]) {
      expect([bad, pattern('OtherDeployRoleArns').test(bad)]).toEqual([bad, false]);
    }
  });

  test("rules: a stack trusting only another stage's user is usable; other roles need this stack's user", () => {
    const rules = JSON.stringify(template.Rules);
    expect(rules).toContain('TrustedUserArn');
    expect(rules).toContain('OtherRolesNeedTheUser');
    expect(stageA({ CreateDeployUser: 'false', GitHubRepository: 'o/r' }).isTrue('AssumesOtherStagesRoles')).toBe(false);
  });
});

describe('iam/deploy-access.yml: the local profile output (docs/local-deploys.md)', () => {
  test("prints the ~/.aws/config lines of a profile that assumes the deploy role with the user's key", () => {
    const r = new Renderer({ MaxSessionDuration: '7200' });
    expect(r.render(obj(outputs.LocalDeployProfile, 'LocalDeployProfile').Value)).toBe(
      [
        '[profile deploy]',
        'role_arn = <DeployRole.Arn>',
        'source_profile = sam-cli-user',
        'role_session_name = sam-cli-user-local',
        'duration_seconds = 7200',
        `region = ${REGION}`,
        '',
      ].join('\n'),
    );
    expect(obj(outputs.LocalDeployProfile, 'LocalDeployProfile').Condition).toBe('HasDeployUser');
  });
});
