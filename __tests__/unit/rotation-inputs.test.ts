import { describe, expect, test } from '@jest/globals';
import { parseCommandLine, programFor } from '../../src/rotation/command-line.js';
import { parseRotationOptions } from '../../src/rotation/rotation-inputs.js';

const ROLE = 'arn:aws:iam::111122223333:role/deploy';
const parse = (argv: string[]) => {
  const line = parseCommandLine(argv);
  if (line.command !== 'rotate' && line.command !== 'revoke') return { line };
  return { line, parsed: parseRotationOptions(line.command, (name) => line.flags.get(name) ?? '', line.problems) };
};

describe('command line and options', () => {
  test('rotate with every option, both spellings of a value', () => {
    const { parsed } = parse([
      'rotate',
      '--user-name=sam-cli-user',
      '--repo',
      'octo-org/app',
      '--role-to-assume',
      ROLE,
      '--region',
      'eu-west-1',
      '--environment',
      'production',
      '--secret-names',
      'KEY_ID,KEY_SECRET',
      '--delete-after-days',
      '14',
      '--dry-run',
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        command: 'rotate',
        userName: 'sam-cli-user',
        place: { repository: { owner: 'octo-org', repo: 'app' }, environment: 'production' },
        secretNames: { id: 'KEY_ID', secret: 'KEY_SECRET' },
        deleteAfterDays: 14,
        dryRun: true,
        region: 'eu-west-1',
      },
    });
  });
  test("defaults: the example workflow's secret names, 7 days, no dry run", () => {
    const { parsed } = parse(['rotate', '--user-name', 'u', '--repo', 'o/r', '--role-to-assume', ROLE, '--region', 'eu-west-1']);
    expect(parsed).toMatchObject({
      ok: true,
      value: { secretNames: { id: 'AWS_ACCESS_KEY_ID', secret: 'AWS_SECRET_ACCESS_KEY' }, deleteAfterDays: 7, dryRun: false },
    });
  });
  test('every problem at once', () => {
    const { parsed } = parse([
      'rotate',
      '--repo',
      'o',
      '--repo',
      'o/r',
      '--region',
      'cn-north-1',
      '--role-to-assume',
      ROLE,
      '--secret-names',
      'A',
      '--delete-after-days',
      '7d',
      '--nope',
      'extra',
    ]);
    expect(parsed?.ok).toBe(false);
    expect(parsed && !parsed.ok && parsed.problems).toEqual([
      '--repo: given more than once',
      '--nope: not an option of rotate (it takes --user-name, --repo, --role-to-assume, --region, --environment, --secret-names, --delete-after-days, --dry-run, --json)',
      'unexpected argument "extra": options are written --name value',
      '--user-name: is required',
      "--secret-names: must be two secret names, ID_SECRET,SECRET_SECRET (the key id's, then the secret access key's)",
      '--delete-after-days: must be a whole number written in digits only, from 0 to 365',
      '--region: is in partition aws-cn, but --role-to-assume is in aws',
    ]);
  });
  test('a flag without its value, an unknown command, help', () => {
    expect(parse(['revoke', '--user-name', '--role-to-assume', ROLE]).line.problems).toEqual(['--user-name: needs a value']);
    expect(parse(['rotat']).line).toMatchObject({ command: undefined, problems: ['unknown command "rotat": use rotate or revoke'] });
    expect(parse(['rotate', '--help']).line.command).toBe('help');
    expect(parse(['--help']).line.command).toBe('help');
  });
  test('no arguments is bad usage (exit 2 with the usage on stderr), not help', () => {
    expect(parse([]).line).toMatchObject({ command: undefined, problems: ['no command given: use rotate or revoke'] });
  });
  test('--version anywhere runs nothing; --json is a switch of both commands', () => {
    expect(parse(['--version']).line).toMatchObject({ version: true, command: undefined, problems: [] });
    expect(parse(['rotate', '--user-name', 'u', '--version']).line.version).toBe(true);
    expect(parse(['revoke', '--user-name', 'u', '--json']).line).toMatchObject({ json: true, problems: [] });
    expect(parse(['rotate', '--json=maybe']).line.problems).toEqual(['--json: must be true or false (or --json alone)']);
    expect(parse(['rotate']).line.json).toBe(false);
  });
  test('the program the printed commands start with is how the person ran it', () => {
    expect(programFor('/home/a/adr/dist/cli/index.js', '/home/a/adr')).toBe('node dist/cli/index.js');
    expect(programFor('/opt/tools/assume-deploy-role.cjs', '/home/a')).toBe('node /opt/tools/assume-deploy-role.cjs');
    expect(programFor('/home/a/my tools/x.cjs', '/home/b')).toBe("node '/home/a/my tools/x.cjs'");
    expect(programFor(undefined, '/')).toBe('node dist/cli/index.js');
    const { parsed } = parse(['revoke', '--user-name', 'u']);
    expect(parsed).toMatchObject({ ok: true, value: { program: 'node dist/cli/index.js' } });
  });
  test('revoke takes only --user-name and --role-to-assume', () => {
    expect(parse(['revoke', '--user-name', 'u']).parsed).toMatchObject({ ok: true, value: { command: 'revoke', userName: 'u' } });
    expect(parse(['revoke', '--user-name', 'u', '--dry-run']).parsed?.ok).toBe(false);
  });
});
