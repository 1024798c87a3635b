/**
 * The test renderer of CloudFormation templates (test/support/cloudformation/), on its own: the
 * IAM-template tests decide what each identity can reach through it, so a renderer that dropped a
 * policy, matched a wildcard more narrowly than IAM or passed an unknown function through would let
 * them pass on a template that grants more. Each case here is one of those ways; the template's own
 * properties stay in iam-template.test.ts.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  actionMatches,
  CloudFormationTemplate,
  isObj,
  resourceMatches,
  TemplateRenderer,
  type Params,
} from '../../test/support/cloudformation.js';

const render = (yaml: string, overrides: Params = {}) =>
  new TemplateRenderer(new CloudFormationTemplate(`Resources: {}\n${yaml}`), overrides);

describe('IAM wildcards, as IAM matches them', () => {
  test('actions: case-insensitive (IAM grants iam:putrolepolicy as iam:PutRolePolicy), * any run, ? one character', () => {
    expect(actionMatches('iam:putrolepolicy', 'iam:PutRolePolicy')).toBe(true);
    expect(actionMatches('IAM:Put*', 'iam:PutRolePolicy')).toBe(true);
    expect(actionMatches('iam:Put?olePolicy', 'iam:PutRolePolicy')).toBe(true);
    expect(actionMatches('*', 'sts:AssumeRole')).toBe(true);
    expect(actionMatches('iam:Put?', 'iam:PutRolePolicy')).toBe(false);
    expect(actionMatches('iam:Put*', 'iam:AttachRolePolicy')).toBe(false);
    expect(actionMatches('iam:PutRolePolicy', 'iam:PutRolePolicyX')).toBe(false);
  });

  test('resources: case-sensitive, * and ? as in actions, every other character literal', () => {
    const role = 'arn:aws:iam::123456789012:role/sam-cli-user-deploy-role';
    expect(resourceMatches('arn:aws:iam::123456789012:role/sam*', role)).toBe(true);
    expect(resourceMatches('arn:aws:iam::*:role/sam-cli-user-deploy-rol?', role)).toBe(true);
    expect(resourceMatches('arn:aws:iam::123456789012:role/SAM*', role)).toBe(false);
    expect(resourceMatches('arn:aws:iam::123456789012:role/sam.cli*', role)).toBe(false);
  });
});

describe('rendering', () => {
  test('conditions (Equals, Not, And, Or, Condition) pick Fn::If branches; AWS::NoValue leaves mappings and lists', () => {
    const r = render(
      `
Parameters:
  Mode: { Type: String, Default: a }
Conditions:
  IsA: !Equals [!Ref Mode, a]
  NotA: !Not [!Condition IsA]
  Both: !And [!Condition IsA, !Not [!Condition NotA]]
  Either: !Or [!Condition NotA, !Equals [!Ref Mode, b]]
`,
      { Mode: 'b' },
    );
    expect(r.conditions).toEqual({ IsA: false, NotA: true, Both: false, Either: true });
    const node = { Kept: { 'Fn::If': ['Either', 'yes', 'no'] }, Gone: { 'Fn::If': ['IsA', 'x', { Ref: 'AWS::NoValue' }] } };
    expect(r.render(node)).toEqual({ Kept: 'yes' });
    expect(r.render(['x', { 'Fn::If': ['Both', 'y', { Ref: 'AWS::NoValue' }] }])).toEqual(['x']);
  });

  test('Fn::Sub (parameters, pseudo parameters, attributes, ${!literal}, its variables), Fn::Join with its separator, Fn::GetAtt', () => {
    const r = new TemplateRenderer(
      new CloudFormationTemplate(`
Parameters:
  UserName: { Type: String, Default: ci }
  Arns: { Type: CommaDelimitedList, Default: 'a,b' }
Resources:
  Role: { Type: AWS::IAM::Role }
Outputs:
  Sub: { Value: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:user/\${UserName} \${Role.Arn} \${!aws:username}' }
  SubVars: { Value: !Sub ['\${Name}-\${UserName}', { Name: !Ref Role }] }
  Join: { Value: !Join ['|', !Ref Arns] }
  Att: { Value: !GetAtt Role.Arn }
`),
      {},
      { account: '111122223333', region: 'us-east-2' },
    );
    expect(r.render(r.cfn.outputs)).toEqual({
      Sub: { Value: 'arn:aws:iam::111122223333:user/ci <Role.Arn> ${aws:username}' },
      SubVars: { Value: '<Role>-ci' },
      Join: { Value: 'a|b' },
      Att: { Value: '<Role.Arn>' },
    });
  });

  test('an intrinsic function it does not implement, a Ref or a condition it does not know, is an error, never a value', () => {
    const r = render('Conditions: {}');
    expect(() => r.render({ 'Fn::Select': [0, ['a']] })).toThrow('the test renderer does not know Fn::Select yet');
    expect(() => r.render({ Ref: 'Nobody' })).toThrow('Ref to unknown name Nobody');
    expect(() => r.isTrue('Nothing')).toThrow('unknown condition Nothing');
  });
});

describe('policies()', () => {
  test('lists every policy a resource it creates holds, attached to whom IAM attaches it', () => {
    const doc = (sid: string) => ({ Statement: [{ Sid: sid, Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }] });
    const cfn = new CloudFormationTemplate(
      JSON.stringify({
        Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } },
        Resources: {
          User: { Type: 'AWS::IAM::User', Properties: { Policies: [{ PolicyName: 'own', PolicyDocument: doc('userInline') }] } },
          Group: { Type: 'AWS::IAM::Group', Properties: { Policies: [{ PolicyName: 'g', PolicyDocument: doc('groupInline') }] } },
          Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: doc('trust'), ManagedPolicyArns: [{ Ref: 'Managed' }] } },
          UserPolicy: { Type: 'AWS::IAM::UserPolicy', Properties: { UserName: { Ref: 'User' }, PolicyDocument: doc('userPolicy') } },
          RolePolicy: { Type: 'AWS::IAM::RolePolicy', Properties: { RoleName: { Ref: 'Role' }, PolicyDocument: doc('rolePolicy') } },
          Policy: {
            Type: 'AWS::IAM::Policy',
            Properties: { Users: [{ Ref: 'User' }], Roles: [{ Ref: 'Role' }], Groups: [{ Ref: 'Group' }], PolicyDocument: doc('policy') },
          },
          Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc('managed') } },
          Bucket: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Artifacts' }, PolicyDocument: doc('bucket') } },
          Artifacts: { Type: 'AWS::S3::Bucket' },
          Absent: { Type: 'AWS::IAM::RolePolicy', Condition: 'Never', Properties: { RoleName: 'x', PolicyDocument: doc('absent') } },
        },
      }),
    );
    const { identity, trust, bucket } = new TemplateRenderer(cfn).policies();
    const seen = (policies: typeof identity) => policies.map((p) => `${p.statements.map((s) => s.Sid).join()} → ${p.attachedTo.join()}`);
    expect(seen(identity).sort()).toEqual([
      'groupInline → Group',
      'managed → Role',
      'policy → User,Role,Group',
      'rolePolicy → Role',
      'userInline → User',
      'userPolicy → User',
    ]);
    expect(seen(trust)).toEqual(['trust → Role']);
    expect(seen(bucket)).toEqual(['bucket → Artifacts']);
  });

  test('misses no policy document of iam/deploy-access.yml, by default or with every role it can create', () => {
    const cfn = new CloudFormationTemplate(readFileSync(resolve(process.cwd(), 'iam/deploy-access.yml'), 'utf8'));
    /** How many policy documents (PolicyDocument, AssumeRolePolicyDocument) a rendered node holds, at any depth. */
    const documentsIn = (node: unknown): number => {
      const children = Array.isArray(node) ? node.map((v) => ['', v] as const) : isObj(node) ? Object.entries(node) : [];
      return children.reduce((n, [key, v]) => n + (key.endsWith('PolicyDocument') ? 1 : documentsIn(v)), 0);
    };
    const repository = 'octo-org/serverless-app';
    const shapes: Params[] = [{}, { GitHubRepository: repository, RotatorRoleRepository: repository, KeyAgeWatcherRepository: repository }];
    for (const shape of shapes) {
      const r = new TemplateRenderer(cfn, shape);
      const { identity, trust, bucket } = r.policies();
      const listed = [...identity, ...trust, ...bucket].map((p) => p.where.replace(/\..*$/, ''));
      for (const id of Object.keys(cfn.resources).filter((id) => r.creates(id))) {
        const documents = documentsIn(r.render(cfn.resource(id).Properties));
        expect([id, listed.filter((where) => where === id).length]).toEqual([id, documents]);
      }
    }
  });
});
