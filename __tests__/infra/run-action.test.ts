/**
 * The runner emulation is what every no-leak check in the e2e tier stands on, so its parsers and
 * masking are tested here directly against what the runner does (actions/runner's
 * ActionCommandManager, ActionCommand, SecretMasker and file-command handlers).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeWorkDirs, runAction, runPost } from '../../test/support/run-action.js';
import { applyMasks, findSecretLeaks, parseCommand, parseKeyValueFile, parseStdout, renderLog } from '../../test/support/runner-output.js';
import { EXAMPLE_KEY } from '../../test/support/fixtures.js';

const SECRET = EXAMPLE_KEY.secretAccessKey;
const secrets = [{ label: 'secret key', value: SECRET }];

function leaks(stdout: string, watched = secrets) {
  const lines = parseStdout(stdout);
  return findSecretLeaks({ stdout, stderr: '', summary: '', visibleLog: renderLog(lines, '') }, watched);
}

function log(stdout: string, options: { debug?: boolean; allowUnsecureCommands?: boolean } = {}) {
  return renderLog(parseStdout(stdout), '', options).split('\n');
}

describe('workflow command parsing', () => {
  test('::name key=value,…::data with the runner unescaping of data and properties', () => {
    expect(parseCommand('::error file=src/a.ts,title=Bad%3A one%2C two,line=3::first%0Asecond 100%25')).toEqual({
      command: 'error',
      properties: { file: 'src/a.ts', title: 'Bad: one, two', line: '3' },
      data: 'first\nsecond 100%',
    });
  });

  test('names match in any case, after leading whitespace', () => {
    expect(parseCommand('::ADD-MASK::value')).toMatchObject({ command: 'add-mask', data: 'value' });
    expect(parseCommand('   ::Warning::careful')).toMatchObject({ command: 'warning', data: 'careful' });
  });

  test('unknown names and unterminated command info are plain lines', () => {
    expect(parseCommand('::set-secret::x')).toBeUndefined();
    expect(parseCommand('::error no end')).toBeUndefined();
    expect(parseCommand('text ::error::x')).toBeUndefined();
  });

  test('the old form ##[name k=v;k=v]data is processed anywhere in a line', () => {
    expect(parseCommand('AWS said: ##[error file=a.ts;title=x%3By%5D]boom%5D%0Anext')).toEqual({
      command: 'error',
      properties: { file: 'a.ts', title: 'x;y]' },
      data: 'boom]\nnext',
    });
    expect(parseCommand('prefix ##[ADD-MASK]value')).toMatchObject({ command: 'add-mask', data: 'value' });
    expect(parseCommand('::unknown::then ##[warning]w')).toMatchObject({ command: 'warning', data: 'w' });
    expect(parseCommand('##[section]Starting')).toBeUndefined();
  });
});

describe('stop-commands', () => {
  test('nothing is processed until the token, which resumes in any case, indented, with data after it', () => {
    const lines = parseStdout(
      ['::stop-commands::pause-1', `::add-mask::${SECRET}`, '::error::not an error', '  ::PAUSE-1:: resumed', '::error::an error'].join(
        '\n',
      ),
    );

    expect(lines.map((line) => [line.command?.command, line.control])).toEqual([
      ['stop-commands', 'stop'],
      [undefined, undefined],
      [undefined, undefined],
      ['pause-1', 'resume'],
      ['error', undefined],
    ]);
  });

  test('the old form of the token resumes too', () => {
    const lines = parseStdout('::stop-commands::t1\nlog ##[t1]\n::warning::w');
    expect(lines.map((line) => line.control)).toEqual(['stop', 'resume', undefined]);
    expect(lines[2]?.command?.command).toBe('warning');
  });

  test('an empty token stops processing for good', () => {
    const lines = parseStdout('::stop-commands::\n::::\n::error::e');
    expect(lines.slice(1).map((line) => line.command)).toEqual([undefined, undefined]);
  });

  test('a token that is a command name resumes on that command, which is then no longer registered', () => {
    const lines = parseStdout('::stop-commands::warning\n::warning::resumes\n::warning::plain now\n::error::still a command');
    expect(lines.map((line) => [line.command?.command, line.control])).toEqual([
      ['stop-commands', 'stop'],
      ['warning', 'resume'],
      [undefined, undefined],
      ['error', undefined],
    ]);
  });

  test('a mask added while commands are stopped is not applied, and its line is printed as written', () => {
    const stdout = ['::stop-commands::t', `::add-mask::${SECRET}`, '::t::', `key ${SECRET}`].join('\n');
    expect(log(stdout)).toEqual(['::stop-commands::t', `::add-mask::${SECRET}`, '::t::', `key ${SECRET}`]);
    expect(leaks(stdout)).toEqual(
      expect.arrayContaining([
        'stdout line 2 shows the secret key before a mask covers it',
        'stdout line 4 shows the secret key before a mask covers it',
      ]),
    );
  });
});

describe('the rendered log', () => {
  test('a line printed before its ::add-mask:: is not masked; later lines are, also inside longer text', () => {
    expect(log(`early ${SECRET}\n::add-mask::${SECRET}\nlate ${SECRET}.\n::error::in ${SECRET}`)).toEqual([
      `early ${SECRET}`,
      'late ***.',
      'Error: in ***',
    ]);
  });

  test('overlapping masks merge into one ***; whitespace-only masks are refused with the runner warning', () => {
    expect(applyMasks('abcdef', ['bcd', 'cde'])).toBe('a***f');
    expect(log('::add-mask::  \nvalue')).toEqual(["Warning: Can't add secret mask for empty string in ##[add-mask] command.", 'value']);
  });

  test('without debug: annotations, groups and the stop/resume lines; no debug lines and no echo', () => {
    const stdout = [
      '::debug::hidden',
      '::group::Assume role',
      '::notice title=T::n',
      '::endgroup::',
      '::stop-commands::t',
      '::t::',
      '::set-output name=a::1',
    ].join('\n');
    expect(log(stdout)).toEqual(['##[group]Assume role', 'Notice: n', '##[endgroup]', '::stop-commands::t', '::t::']);
  });

  test('with debug, commands are echoed as written, masks as ***, and the runner debug lines carry values', () => {
    const stdout = [
      '::add-mask::m1',
      '::set-output name=out::v1',
      '::save-state name=st::v2',
      '::stop-commands::t',
      '::t::',
      '::echo::off',
      '::set-output name=out::v3',
    ].join('\n');
    expect(log(stdout, { debug: true })).toEqual([
      '::add-mask::***',
      '::set-output name=out::v1',
      "##[debug]steps.step.outputs.out='v1'",
      '::save-state name=st::v2',
      '##[debug]Save intra-action state st = v2',
      '::stop-commands::t',
      "##[debug]Paused processing commands until '##[{actionCommand.Data}]' is received",
      '::t::',
      '##[debug]Resume processing commands',
      '::echo::off',
      "##[debug]Setting echo command value to 'off'",
      "##[debug]steps.step.outputs.out='v3'",
    ]);
  });

  test('::echo::on echoes commands without debug', () => {
    expect(log('::echo::on\n::add-matcher::m.json\n::warning::w')).toEqual(['::add-matcher::m.json', 'Warning: w']);
  });

  test('set-env and add-path fail with the runner error naming the whole line unless unsecure commands are allowed', () => {
    expect(log('::set-env name=A::b')).toEqual([
      "Error: Unable to process command '::set-env name=A::b' successfully.",
      expect.stringContaining('Error: The `set-env` command is disabled.'),
    ]);
    expect(log('::set-env name=A::b', { allowUnsecureCommands: true, debug: true })).toEqual(['::set-env name=A::b', "##[debug]A='b'"]);
  });

  test('stderr follows, masked with every mask', () => {
    expect(renderLog(parseStdout(`::add-mask::${SECRET}`), `trace ${SECRET}\n`).split('\n')).toEqual(['trace ***']);
  });
});

describe('findSecretLeaks', () => {
  test('a secret masked before it is printed is no leak; printed before its mask, it is', () => {
    expect(leaks(`::add-mask::${SECRET}\nkey ${SECRET}\n::debug::${SECRET}`)).toEqual([]);
    expect(leaks(`key ${SECRET}\n::add-mask::${SECRET}`)).toEqual([
      'stdout line 1 shows the secret key before a mask covers it',
      'visible log line 1 contains the secret key',
    ]);
  });

  test('a debug line or an annotation property shows a secret even when debug was off', () => {
    expect(leaks(`::debug::${SECRET}\n::warning title=${SECRET}::w`)).toEqual([
      'stdout line 1 (::debug::) shows the secret key before a mask covers it',
      'stdout line 2 (::warning::) shows the secret key before a mask covers it',
    ]);
  });

  test('set-output, save-state, set-env, add-path, echo and matcher lines are echoed with step debug', () => {
    const commands = [
      `::set-output name=x::${SECRET}`,
      `::save-state name=${SECRET}::v`,
      `::set-env name=A::${SECRET}`,
      `::add-path::/opt/${SECRET}`,
      `::add-matcher::${SECRET}.json`,
      `::remove-matcher owner=${SECRET}::`,
    ];
    expect(leaks(commands.join('\n')).filter((problem) => problem.startsWith('stdout'))).toEqual([
      'stdout line 1 (::set-output::) shows the secret key before a mask covers it',
      'stdout line 2 (::save-state::) shows the secret key before a mask covers it',
      'stdout line 3 (::set-env::) shows the secret key before a mask covers it',
      'stdout line 4 (::add-path::) shows the secret key before a mask covers it',
      'stdout line 5 (::add-matcher::) shows the secret key before a mask covers it',
      'stdout line 6 (::remove-matcher::) shows the secret key before a mask covers it',
    ]);
  });

  test('the stop-commands line and the resume line are printed, so a secret in them shows', () => {
    expect(leaks(`::stop-commands::${SECRET}\n::${SECRET}::`).filter((problem) => problem.startsWith('stdout'))).toEqual([
      'stdout line 1 (::stop-commands::) shows the secret key before a mask covers it',
      'stdout line 2 (resume line) shows the secret key before a mask covers it',
    ]);
  });

  test('an old-form command in a line is seen: ##[add-mask] masks, ##[set-output] shows its value', () => {
    expect(leaks(`noise ##[add-mask]${SECRET}\nkey ${SECRET}`)).toEqual([]);
    expect(leaks(`AWS says ##[set-output name=x]${SECRET}`)).toContain(
      'stdout line 1 (::set-output::) shows the secret key before a mask covers it',
    );
  });

  test('a secret of several lines printed as it is shows line by line', () => {
    const pem = '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n\nBKcwggSjAgEAAoIBAQC7\n-----END KEY-----';
    const problems = leaks(`here it is:\n${pem}\n`, [{ label: 'private key', value: pem }]);
    expect(problems.filter((problem) => problem.startsWith('stdout'))).toEqual([
      'stdout line 2 shows the private key (line 1) before a mask covers it',
      'stdout line 3 shows the private key (line 2) before a mask covers it',
      'stdout line 5 shows the private key (line 4) before a mask covers it',
      'stdout line 6 shows the private key (line 5) before a mask covers it',
    ]);
  });

  test('stderr and the step summary are checked whatever the masks', () => {
    const problems = findSecretLeaks(
      { stdout: `::add-mask::${SECRET}`, stderr: `at ${SECRET}\n`, summary: `| ${SECRET} |`, visibleLog: '' },
      secrets,
    );
    expect(problems).toEqual(['stderr line 1 contains the secret key', 'the step summary contains the secret key']);
  });

  test('problems name the label, never the value', () => {
    expect(leaks(`key ${SECRET}`).join('\n')).not.toContain(SECRET);
  });
});

describe('file commands', () => {
  test('NAME=value and NAME<<DELIMITER blocks; blank lines skipped; later entries win; CRLF read as LF', () => {
    const text = ['A=1', 'B=x=y<<z', '', 'C<<ghadelimiter_5', 'line 1', 'D=not a name', 'ghadelimiter_5', 'A=2\r', ''].join('\n');
    expect(parseKeyValueFile(text, 'GITHUB_OUTPUT')).toEqual({ A: '2', B: 'x=y<<z', C: 'line 1\nD=not a name' });
  });

  test('malformed files fail naming the line, never the value', () => {
    expect(() => parseKeyValueFile(`X<<EOF\n${SECRET}`, 'GITHUB_ENV')).toThrow('GITHUB_ENV line 1: matching delimiter not found');
    expect(() => parseKeyValueFile(`=${SECRET}`, 'GITHUB_ENV')).toThrow('GITHUB_ENV line 1: empty name');
    expect(() => parseKeyValueFile(SECRET, 'GITHUB_STATE')).toThrow(/^GITHUB_STATE line 1: neither NAME=value nor NAME<<DELIMITER$/);
    expect(() => parseKeyValueFile('X<<', 'GITHUB_OUTPUT')).toThrow('a heredoc needs a name and a delimiter');
  });

  describe('through a step', () => {
    const dirs: string[] = [];
    afterAll(async () => {
      await removeWorkDirs();
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    });

    async function script(source: string) {
      const dir = await mkdtemp(path.join(tmpdir(), 'run-action-test-'));
      dirs.push(dir);
      const file = path.join(dir, 'step.mjs');
      await writeFile(file, source);
      return file;
    }

    test('GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE, GITHUB_STEP_SUMMARY and GITHUB_PATH are read as the runner reads them; post gets them', async () => {
      const main = await script(`
        import { appendFileSync } from 'node:fs';
        const append = (variable, text) => appendFileSync(process.env[variable], text);
        append('GITHUB_ENV', 'DEPLOY_ENV=prod\\nNOTES<<ghadelimiter_1\\nfirst\\nsecond\\nghadelimiter_1\\n');
        append('GITHUB_OUTPUT', 'role=arn:aws:iam::111122223333:role/deploy\\n');
        append('GITHUB_STATE', 'started=yes\\n');
        append('GITHUB_STEP_SUMMARY', '# Deploy\\n| a | b |\\n');
        append('GITHUB_PATH', '/opt/tool/bin\\n');
      `);
      const post = await script(
        `console.log([process.env.STATE_started, process.env.DEPLOY_ENV, process.env.NOTES, process.env.PATH.split(':')[0]].join('|'));`,
      );

      const first = await runAction(main, { actionYml: 'action.yml' });
      expect(first).toMatchObject({
        exitCode: 0,
        env: { DEPLOY_ENV: 'prod', NOTES: 'first\nsecond' },
        outputs: { role: 'arn:aws:iam::111122223333:role/deploy' },
        state: { started: 'yes' },
        summary: '# Deploy\n| a | b |\n',
        path: ['/opt/tool/bin'],
      });
      const second = await runPost(first, { entry: post });
      expect(second.stdout.trim()).toBe('yes|prod|first\nsecond|/opt/tool/bin');
    });

    test('commands a step writes to stderr are found too, as the runner processes them there as well', async () => {
      const step = await script(`console.error('::warning::from stderr'); console.error('AWS said ##[set-output name=x]y');`);
      const result = await runAction(step, { actionYml: 'action.yml' });
      expect(result.stderrCommands).toEqual([
        { command: 'warning', properties: {}, data: 'from stderr' },
        { command: 'set-output', properties: { name: 'x' }, data: 'y' },
      ]);
      expect(result.commands).toEqual([]);
    });
  });
});
