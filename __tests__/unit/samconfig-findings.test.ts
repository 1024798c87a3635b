import { describe, expect, test } from '@jest/globals';
import { samconfigFindings, samconfigWarning } from '../../src/assume-role/samconfig-findings.js';

/** What `sam deploy --guided` writes (samcli/commands/deploy/guided_config.py), as smol-toml/yaml return it. */
const guided = (deploy: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  version: 0.1,
  default: {
    deploy: {
      parameters: {
        stack_name: 'sam-app-production',
        resolve_s3: true,
        s3_prefix: 'sam-app-production',
        region: 'eu-west-1',
        confirm_changeset: true,
        capabilities: 'CAPABILITY_IAM',
        image_repositories: [],
        ...deploy,
      },
    },
    global: { parameters: { region: 'eu-west-1' } },
    ...extra,
  },
});

const warningsOf = (document: unknown, region = 'eu-west-1') => samconfigFindings(document, 'samconfig.toml', region).map(samconfigWarning);

describe('samconfigFindings', () => {
  test("a guided samconfig for the action's region: no finding", () => {
    expect(samconfigFindings(guided(), 'samconfig.toml', 'eu-west-1')).toEqual([]);
  });

  test('an empty file (or an empty YAML document) is what SAM CLI reads as no configuration: no finding', () => {
    expect(samconfigFindings({}, 'samconfig.toml', 'eu-west-1')).toEqual([]);
    expect(samconfigFindings(null, 'samconfig.yaml', 'eu-west-1')).toEqual([]);
  });

  test('profile in the deploy parameters: a warning naming the file, the table and the profile', () => {
    const [warning, ...rest] = warningsOf(guided({ profile: 'prod-admin' }));
    expect(rest).toEqual([]);
    expect(warning).toMatch(
      /^samconfig\.toml sets profile = prod-admin in \[default\.deploy\.parameters\]: sam deploy then takes its credentials from that profile/,
    );
    expect(warning).toContain('set aws-profile to that name');
  });

  test('profile in the global parameters counts too, since sam deploy merges them under its own', () => {
    const document = guided({}, { global: { parameters: { region: 'eu-west-1', profile: 'dev' } } });
    expect(samconfigFindings(document, 'samconfig.toml', 'eu-west-1')).toEqual([
      { kind: 'profile', file: 'samconfig.toml', environment: 'default', section: 'global', value: 'dev' },
    ]);
  });

  test('the deploy parameters win over the global ones: the region sam deploy uses is the deploy one', () => {
    const document = guided({ region: 'us-east-1' }, { global: { parameters: { region: 'eu-west-1' } } });
    expect(samconfigFindings(document, 'samconfig.toml', 'eu-west-1')).toEqual([
      { kind: 'region', file: 'samconfig.toml', environment: 'default', section: 'deploy', value: 'us-east-1', actionRegion: 'eu-west-1' },
    ]);
    const agreeing = guided({ region: 'eu-west-1' }, { global: { parameters: { region: 'us-east-1' } } });
    expect(samconfigFindings(agreeing, 'samconfig.toml', 'eu-west-1')).toEqual([]);
  });

  test('region differing from aws-region: a warning with both regions and the --region fix', () => {
    expect(warningsOf(guided({ region: 'us-east-1' }), 'eu-west-1')).toEqual([
      "samconfig.toml sets region = us-east-1 in [default.deploy.parameters], but aws-region is eu-west-1: sam deploy uses the file's region over " +
        'AWS_REGION and AWS_DEFAULT_REGION. Remove region from samconfig.toml, set it to eu-west-1, or pass --region "$AWS_REGION" to sam deploy',
    ]);
  });

  test('no region anywhere: no region finding (sam deploy then reads AWS_DEFAULT_REGION, which the action exports)', () => {
    const document = { version: 0.1, default: { deploy: { parameters: { stack_name: 'app' } } } };
    expect(samconfigFindings(document, 'samconfig.toml', 'eu-west-1')).toEqual([]);
  });

  test("only environment default is read: another environment's profile and region are what --config-env selects", () => {
    const document = { ...guided(), prod: { deploy: { parameters: { profile: 'prod', region: 'us-west-2' } } } };
    expect(samconfigFindings(document, 'samconfig.toml', 'eu-west-1')).toEqual([]);
  });

  test('a region value not shaped like a region is shown escaped and cut, never raw', () => {
    const [warning] = warningsOf(guided({ region: `eu-west-1\n::error::pwned ${'ab '.repeat(40)}` }));
    expect(warning).not.toContain('\n');
    expect(warning).toMatch(/region = "eu-west-1\\n::error::pwned ab ab [ab ]+… in/);
    expect(warning?.length).toBeLessThan(400);
    const [unicode] = warningsOf(guided({ region: 'eu\u2028west' }));
    expect(unicode).toContain('region = "eu\\u2028west" in');
    const [number] = warningsOf(guided({ region: 5n }));
    expect(number).toContain('region = 5 in');
  });

  test('a profile name that could not be one is escaped too', () => {
    const [warning] = warningsOf(guided({ profile: '[prod]\r\n' }));
    expect(warning).toContain('profile = "[prod]\\r\\n" in');
  });

  test('resolve_s3 with s3_bucket: the DeployResolveS3AndS3SetError sam deploy stops with', () => {
    expect(warningsOf(guided({ s3_bucket: 'my-artifacts' }))).toEqual([
      'samconfig.toml sets both resolve_s3 = true ([default.deploy.parameters]) and s3_bucket ([default.deploy.parameters]): sam deploy stops with ' +
        '"Cannot use both --resolve-s3 and --s3-bucket parameters in non-guided deployments". Remove one of them',
    ]);
    expect(samconfigFindings(guided({ resolve_s3: false, s3_bucket: 'my-artifacts' }), 'f', 'eu-west-1')).toEqual([]);
    expect(samconfigFindings(guided({ resolve_s3: 'false', s3_bucket: 'my-artifacts' }), 'f', 'eu-west-1')).toEqual([]);
  });

  test('version: missing, an integer (bigint from the parsers) or a string is refused by SAM CLI; 0.1 and 1.0 are fine', () => {
    const noVersion: Record<string, unknown> = { ...guided() };
    delete noVersion.version;
    expect(warningsOf(noVersion)[0]).toMatch(
      /^samconfig\.toml has no version key: SAM CLI reads a samconfig only when its version is a decimal number/,
    );
    expect(warningsOf({ ...guided(), version: 1n })[0]).toMatch(/^samconfig\.toml has version = 1: /);
    expect(warningsOf({ ...guided(), version: '0.1' })[0]).toMatch(/^samconfig\.toml has version = "0\.1": /);
    expect(warningsOf({ ...guided(), version: 1 })).toEqual([]);
  });

  test('a file whose top level is not a table: one finding, nothing else read', () => {
    expect(samconfigFindings(['default'], 'samconfig.yaml', 'eu-west-1')).toEqual([{ kind: 'notATable', file: 'samconfig.yaml' }]);
    expect(samconfigFindings('just text', 'samconfig.yaml', 'eu-west-1')).toEqual([{ kind: 'notATable', file: 'samconfig.yaml' }]);
  });

  test('odd shapes inside (a parameters list, a default string) are read as no parameters, without throwing', () => {
    expect(samconfigFindings({ version: 0.1, default: 'x' }, 'f', 'eu-west-1')).toEqual([]);
    expect(samconfigFindings({ version: 0.1, default: { deploy: { parameters: ['profile'] }, global: 3 } }, 'f', 'eu-west-1')).toEqual([]);
  });

  describe('config-env: the environment sam deploy --config-env reads', () => {
    /** Two stages as the pipeline example's samconfig has them, beside the guided default. */
    const staged = (prod: Record<string, unknown>) => ({
      ...guided(),
      test: { deploy: { parameters: { stack_name: 'app-test', region: 'eu-west-1', s3_bucket: 'artifacts-test' } } },
      prod: { deploy: { parameters: { stack_name: 'app-prod', region: 'eu-west-1', s3_bucket: 'artifacts-prod', ...prod } } },
    });

    test('that environment is checked, and the others are not', () => {
      const document = staged({ profile: 'prod-admin' });
      expect(samconfigFindings(document, 'samconfig.toml', 'eu-west-1', 'prod')).toEqual([
        { kind: 'profile', file: 'samconfig.toml', environment: 'prod', section: 'deploy', value: 'prod-admin' },
      ]);
      expect(samconfigFindings(document, 'samconfig.toml', 'eu-west-1', 'test')).toEqual([]);
      expect(samconfigFindings(document, 'samconfig.toml', 'eu-west-1')).toEqual([]);
    });

    test("the warning names the environment's table", () => {
      const [warning] = samconfigFindings(staged({ region: 'us-east-1' }), 'samconfig.toml', 'eu-west-1', 'prod').map(samconfigWarning);
      expect(warning).toMatch(/^samconfig\.toml sets region = us-east-1 in \[prod\.deploy\.parameters\], but aws-region is eu-west-1/);
    });

    test('an environment the file lacks: one warning, since sam deploy would silently read nothing', () => {
      expect(samconfigFindings(staged({}), 'samconfig.toml', 'eu-west-1', 'production')).toEqual([
        { kind: 'environmentMissing', file: 'samconfig.toml', environment: 'production' },
      ]);
      // Without config-env, a file with no default environment is fine: every section may be named.
      expect(samconfigFindings({ version: 0.1, prod: {} }, 'samconfig.toml', 'eu-west-1')).toEqual([]);
    });
  });
});
