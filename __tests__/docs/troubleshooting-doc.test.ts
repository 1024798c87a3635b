/**
 * docs/troubleshooting.md explains every message the two actions print, and only messages they
 * still print. The messages are produced here by calling the code that builds them with every
 * case; the doc's entries are table rows whose first cell is a backticked message pattern, where
 * `<PLACEHOLDER>` stands for any text and `(s)` for an optional plural s.
 */
import { afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { readFileSync } from 'node:fs';
import { explainAssumeRoleFailure, type AssumeRoleContext } from '../../src/assume-role/messages/assume-role-failures.js';
import type { AwsFailure } from '../../src/shared/aws-failure.js';
import type { CallContext } from '../../src/shared/messages/aws-failures.js';
import { describeInputProblems } from '../../src/shared/input-problems.js';
import { DEFAULT_THRESHOLDS, parseKeyAgeInputs } from '../../src/key-age/key-age-inputs.js';
import { explainKeyAgeFailure } from '../../src/key-age/messages/key-age-failures.js';
import { assessKeys, type AccessKeyRecord, type LastUse } from '../../src/key-age/key-findings.js';
import { CallFailed, DEFAULT_RETRY_TIMING, type RetryClock } from '../../src/shared/retry.js';
import { parseActionInputs } from '../../src/assume-role/action-inputs.js';
import { explainWebIdentityFailure, type WebIdentityCall } from '../../src/assume-role/web-identity-failure.js';
import { assumeRoleWithWebIdentity } from '../../src/adapters/sts-web-identity.js';
import { idTokenRequestFailed, noIdTokenPermission } from '../../src/assume-role/messages/web-identity.js';
import { accountUnknown, explainIssueFailure, type IssueFailure } from '../../src/key-age/messages/tracking-issue.js';
import { assumeRoleRefusals, stsAnswerRefusals } from '../../src/assume-role/messages/assume-role-failures.js';
import { summaryWriteFailed } from '../../src/shared/messages/step.js';
import { CATALOGUE } from '../../src/entries/message-catalogue.js';
import { findingTexts } from '../../src/key-age/messages/key-findings.js';
import { profileTexts, profileVariableWarning } from '../../src/shared/messages/job-environment.js';
import { credentialsServerTexts, serverLog } from '../../src/shared/messages/credentials-server.js';
import { inputRules } from '../../src/shared/messages/inputs.js';
import { proxyTexts } from '../../src/shared/messages/proxy.js';
import { peerInputLog, peerInputRules } from '../../src/assume-role/messages/peer-inputs.js';
import { tokenFileRefusals } from '../../src/shared/messages/token-file.js';
import { gitHubCallTexts } from '../../src/shared/messages/github-calls.js';
import { samconfigTexts } from '../../src/assume-role/messages/samconfig.js';
import { samconfigFindings, samconfigWarning } from '../../src/assume-role/samconfig-findings.js';
import { callerWithoutAccount, KEY_FAILURE_CODES } from '../../src/shared/messages/aws-failures.js';
import { ASSUME_ROLE_FAILURE_CODES } from '../../src/assume-role/messages/assume-role-failures.js';
import { ISSUE_FAILURE_STATUSES } from '../../src/key-age/messages/tracking-issue.js';
import { listOwnAccessKeys } from '../../src/adapters/iam.js';
import { logRetry } from '../../src/shared/retry-log.js';
import type { Secrets } from '../../src/shared/secrets.js';
import { assumeRole, callerArn } from '../../src/adapters/sts.js';
import { EXAMPLE_KEY, EXAMPLE_KEY_INPUTS as KEYS, FIXED_NOW as NOW } from '../../test/support/fixtures.js';

type Action = 'root' | 'key-age';
type Section = 'both' | Action;

/** One message as the user reads it in the log, after the runner's `Error:` / `Warning:` / `Notice:`. */
interface Produced {
  action: Action;
  label: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// The doc

const DOC_PATH = 'docs/troubleshooting.md';
const DOC = readFileSync(DOC_PATH, 'utf8');

/** The `## ` headings whose tables list messages; other sections (such as "Not errors of these actions") are prose. */
const SECTION_HEADINGS: Array<[string, Section]> = [
  ['## Both actions', 'both'],
  ['## The root action', 'root'],
  ['## The key-age action', 'key-age'],
];

interface Entry {
  section: Section;
  pattern: string;
  regex: RegExp;
  line: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `<ROLE_ARN>` matches any text, `(s)` an optional s, the rest literally; anchored at the message's start. */
function patternRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(<[A-Z][A-Z0-9_]*>|\(s\))/)
    .map((part, index) => (index % 2 === 0 ? escapeRegExp(part) : part === '(s)' ? 's?' : '.+?'))
    .join('');
  return new RegExp(`^${source}`, 's');
}

function parseDoc(text: string): { entries: Entry[]; malformed: string[] } {
  const entries: Entry[] = [];
  const malformed: string[] = [];
  let section: Section | undefined;
  text.split('\n').forEach((line, index) => {
    if (line.startsWith('## ')) section = SECTION_HEADINGS.find(([heading]) => line.startsWith(heading))?.[1];
    if (section === undefined || !line.startsWith('|')) return;
    if (/^\|[\s|:-]+\|$/.test(line)) return; // separator row
    const firstCell = (line.slice(1).split(/(?<!\\)\|/)[0] ?? '').trim();
    if (firstCell === 'Message') return; // header row
    const code = /^`([^`]+)`$/.exec(firstCell);
    if (!code?.[1]) {
      malformed.push(`line ${index + 1}: ${firstCell}`);
      return;
    }
    const pattern = code[1].replace(/\\\|/g, '|');
    entries.push({ section, pattern, regex: patternRegExp(pattern), line: index + 1 });
  });
  return { entries, malformed };
}

const { entries: ENTRIES, malformed: MALFORMED_ROWS } = parseDoc(DOC);

/** The entries a user of `action` may land on: the shared section and the action's own. */
const entriesFor = (action: Action) => ENTRIES.filter((entry) => entry.section === 'both' || entry.section === action);
const matching = (produced: Produced) => entriesFor(produced.action).filter((entry) => entry.regex.test(produced.message));

// ---------------------------------------------------------------------------------------------
// Input problems and warnings, from the input parsers

const KEY_ID = EXAMPLE_KEY.accessKeyId;
const SECRET = EXAMPLE_KEY.secretAccessKey;
const ROLE_ARN = 'arn:aws:iam::123456789012:role/deploy';
const MANAGED_POLICY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

/** Bad values of the inputs both actions share: the key, the secret, the region, switches and numbers. */
const SHARED_INPUT_CASES: Array<[string, Record<string, string>]> = [
  ['no access key id (no secret in this run)', { 'aws-access-key-id': '' }],
  ['no secret access key', { 'aws-secret-access-key': '' }],
  ['a key id pasted with a line break after it', { 'aws-access-key-id': `${KEY_ID}\n` }],
  ['a secret pasted with spaces around it', { 'aws-secret-access-key': ` ${SECRET} ` }],
  ['a key id broken in two', { 'aws-access-key-id': 'AKIAIOSF ODNN7EXAMPLE' }],
  ['a secret broken across lines', { 'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG\nbPxRfiCYEXAMPLEKEY' }],
  ['the secret stored as the key id', { 'aws-access-key-id': SECRET }],
  ['a key id in lower case', { 'aws-access-key-id': 'akiaiosfodnn7example' }],
  ['a temporary key', { 'aws-access-key-id': 'ASIAIOSFODNN7EXAMPLE' }],
  ['a secret in quotes', { 'aws-secret-access-key': `"${SECRET}"` }],
  ['no region', { 'aws-region': '' }],
  ['a region display name', { 'aws-region': 'Europe (Ireland)' }],
  ['retry-max-attempts with words', { 'retry-max-attempts': 'five' }],
  ['retry-max-attempts out of range', { 'retry-max-attempts': '0' }],
];

const ROOT_INPUT_CASES: Array<[string, Record<string, string>]> = [
  ...SHARED_INPUT_CASES,
  ['no role', { 'role-to-assume': '' }],
  ['a user ARN as the role', { 'role-to-assume': 'arn:aws:iam::123456789012:user/sam-cli-user' }],
  ['a bare role name with a space', { 'role-to-assume': 'deploy role' }],
  ['role-duration-seconds of 400 digits', { 'role-duration-seconds': '9'.repeat(400) }],
  ['a role of another partition than the region', { 'aws-region': 'cn-north-1' }],
  ['a role in an account allowed-account-ids does not list', { 'allowed-account-ids': '210987654321' }],
  ['an allowed account that is not an id', { 'allowed-account-ids': 'production' }],
  ['a session name with a space', { 'role-session-name': 'my deploy' }],
  ['a duration with a unit', { 'role-duration-seconds': '1h' }],
  ['a duration too short', { 'role-duration-seconds': '60' }],
  ['an external id too short', { 'role-external-id': 'x' }],
  ['mask-aws-account-id: yes', { 'mask-aws-account-id': 'yes' }],
  ['output-credentials: 1', { 'output-credentials': '1' }],
  ['session-tags: on', { 'session-tags': 'on' }],
  ['aws-session-token with a space inside', { 'aws-session-token': 'FwoGZXIvYXdz EXAMPLETOKEN' }],
  ['web-identity-token-file with keys', { 'web-identity-token-file': 'token.jwt' }],
  ['role-skip-session-tagging: true with session-tags: true', { 'session-tags': 'true', 'role-skip-session-tagging': 'true' }],
  ['custom-tags in YAML', { 'session-tags': 'true', 'custom-tags': '{Team: payments}' }],
  ['custom-tags as a list', { 'session-tags': 'true', 'custom-tags': '["Team"]' }],
  ['custom-tags with an object as a value', { 'session-tags': 'true', 'custom-tags': '{"Team":{"name":"payments"}}' }],
  ['custom-tags with a key of other characters', { 'session-tags': 'true', 'custom-tags': '{"Team!":"payments"}' }],
  ['custom-tags overriding a run tag', { 'session-tags': 'true', 'custom-tags': '{"Repository":"other"}' }],
  [
    'custom-tags with 40 tags',
    { 'session-tags': 'true', 'custom-tags': JSON.stringify(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`Tag${i}`, 'x']))) },
  ],
  ['custom-tags without session tags', { 'custom-tags': '{"Team":"payments"}' }],
  ['transitive-tag-keys without session tags', { 'transitive-tag-keys': 'Repository' }],
  ['transitive-tag-keys naming no tag', { 'session-tags': 'true', 'transitive-tag-keys': 'Team' }],
  ['special-characters-workaround: true', { 'special-characters-workaround': 'true' }],
  ['use-existing-credentials with unset-current-credentials', { 'use-existing-credentials': 'true', 'unset-current-credentials': 'true' }],
  ['sts-endpoint over http to another host', { 'sts-endpoint': 'http://sts.example.com' }],
  ["role-chaining with a key's secret, nothing in the environment", { 'role-chaining': 'true', 'aws-access-key-id': '' }],
  ['an inline policy that is not JSON', { 'inline-session-policy': '{ Version: 2012-10-17' }],
  ['an inline policy that is a list', { 'inline-session-policy': '[]' }],
  [
    'an inline policy too long',
    { 'inline-session-policy': JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(3000) }] }) },
  ],
  ['a managed policy name instead of an ARN', { 'managed-session-policies': 'ReadOnlyAccess' }],
  ['eleven managed policies', { 'managed-session-policies': Array.from({ length: 11 }, () => MANAGED_POLICY).join('\n') }],
  ['a source identity too short', { 'source-identity': 'a' }],
  ['a profile name with a space', { 'aws-profile': 'my profile' }],
  ['overwrite-aws-profile: yes', { 'overwrite-aws-profile': 'yes' }],
  ['output-env-credentials: no', { 'output-env-credentials': 'no' }],
  ['refresh-credentials: yes', { 'refresh-credentials': 'yes' }],
  ['refresh-credentials with aws-profile', { 'refresh-credentials': 'true', 'aws-profile': 'prod' }],
  ['refresh-credentials with temporary keys', { 'refresh-credentials': 'true', 'aws-session-token': 'IQoJb3JpZ2luX2VjEXAMPLETOKEN' }],
  ['an http-proxy without a scheme', { 'http-proxy': 'proxy.corp:8080' }],
  ['a working-directory outside the workspace', { 'working-directory': '../other' }],
  ['a config-env that is not a section name', { 'config-env': 'prod env' }],
];

/** An earlier step's exported role session (the key-age watcher role), and inputs without the key. */
const WATCHER_SESSION = {
  AWS_ACCESS_KEY_ID: 'ASIAWATCHERSESSION01',
  AWS_SECRET_ACCESS_KEY: SECRET,
  AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN0000',
};
const NO_KEY = { 'aws-access-key-id': '', 'aws-secret-access-key': '' };

const KEY_AGE_INPUT_CASES: Array<[string, Record<string, string>, string | undefined, Record<string, string>?]> = [
  ...SHARED_INPUT_CASES.map(([label, inputs]): [string, Record<string, string>, string | undefined] => [label, inputs, 'octo-org/app']),
  ['max-age-days with words', { 'max-age-days': 'ninety' }, 'octo-org/app'],
  ['max-age-days 0', { 'max-age-days': '0' }, 'octo-org/app'],
  ['max-unused-days over ten years', { 'max-unused-days': '9999' }, 'octo-org/app'],
  ['warn-age-days not below max-age-days', { 'max-age-days': '30', 'warn-age-days': '40' }, 'octo-org/app'],
  ['max-age-days of 400 digits', { 'max-age-days': '9'.repeat(400) }, 'octo-org/app'],
  ['tracking-issue: maybe', { 'tracking-issue': 'maybe' }, 'octo-org/app'],
  ['a tracking issue without a token', { 'tracking-issue': 'true' }, 'octo-org/app'],
  ['a tracking issue with no repository', { 'tracking-issue': 'true', 'github-token': 'ghs_token' }, undefined],
  ['a secrets-environment that is no environment name', { 'secrets-environment': 'prod/eu' }, 'octo-org/app'],
  ['user-name with a key', { 'user-name': 'sam-cli-user' }, 'octo-org/app'],
  ['user-name that is an ARN', { ...NO_KEY, 'user-name': 'arn:aws:iam::123456789012:user/sam-cli-user' }, 'octo-org/app', WATCHER_SESSION],
  ["an earlier step's credentials without user-name", NO_KEY, 'octo-org/app', WATCHER_SESSION],
  ['user-name and a secret without a key id', { 'aws-access-key-id': '', 'user-name': 'sam-cli-user' }, 'octo-org/app', WATCHER_SESSION],
  ['user-name without credentials in the environment', { ...NO_KEY, 'user-name': 'sam-cli-user' }, 'octo-org/app', {}],
  [
    'user-name with a misshapen session token',
    { ...NO_KEY, 'user-name': 'sam-cli-user' },
    'octo-org/app',
    { ...WATCHER_SESSION, AWS_SESSION_TOKEN: 'not a token' },
  ],
];

function inputMessages(action: Action, label: string, result: { problems?: string[]; warnings: string[] }): Produced[] {
  const lines = [...(result.problems ?? []), ...result.warnings];
  if (lines.length === 0) throw new Error(`the ${action} input case "${label}" produced no message: fix the case`);
  return lines.map((message) => ({ action, label: `input: ${label}`, message }));
}

/** Keyless mode (no aws-access-key-id): its own refusals, and the shared options' rules. */
const KEYLESS_INPUT_CASES: Array<[string, Record<string, string>]> = [
  ['keyless: a secret without a key id', { 'aws-secret-access-key': SECRET }],
  ['keyless: a bare role name', { 'role-to-assume': 'deploy' }],
  ['keyless: an audience with spaces', { audience: 'sts amazonaws com' }],
  ['keyless: an external id', { 'role-external-id': 'external-1234' }],
  ['keyless: session tags', { 'session-tags': 'true' }],
  ['keyless: a source identity', { 'source-identity': 'octocat' }],
  ['keyless: a session token', { 'aws-session-token': 'FwoGZXIvYXdzEXAMPLETOKEN' }],
  ['keyless: custom-tags', { 'custom-tags': '{"Team":"payments"}' }],
  ['keyless: transitive-tag-keys', { 'transitive-tag-keys': 'Repository' }],
  ['keyless: role-skip-session-tagging: false', { 'role-skip-session-tagging': 'false' }],
  ['keyless: force-skip-oidc without a token file', { 'force-skip-oidc': 'true' }],
  ['keyless: a token file path with a line break', { 'web-identity-token-file': 'token\n::error::x' }],
  ['role-chaining with a token file', { 'role-chaining': 'true', 'web-identity-token-file': 'token.jwt' }],
  ['role-chaining with unset-current-credentials', { 'role-chaining': 'true', 'unset-current-credentials': 'true' }],
  ['keyless: no region', { 'aws-region': '' }],
  ['keyless: a role in an account allowed-account-ids does not list', { 'allowed-account-ids': '210987654321' }],
];

function rootInputMessages(): Produced[] {
  const keyed = ROOT_INPUT_CASES.map(([label, inputs]): [string, Record<string, string>] => [
    label,
    { ...KEYS, 'role-to-assume': ROLE_ARN, ...inputs },
  ]);
  const keyless = KEYLESS_INPUT_CASES.map(([label, inputs]): [string, Record<string, string>] => [
    label,
    { 'aws-region': 'eu-west-1', 'role-to-assume': ROLE_ARN, ...inputs },
  ]);
  return [...keyed, ...keyless].flatMap(([label, all]) => {
    const parsed = parseActionInputs((name) => all[name] ?? '');
    return inputMessages('root', label, { problems: parsed.ok ? [] : parsed.problems, warnings: parsed.warnings });
  });
}

function keyAgeInputMessages(): Produced[] {
  return KEY_AGE_INPUT_CASES.flatMap(([label, inputs, repository, env]) => {
    const all: Record<string, string> = { ...KEYS, ...inputs };
    const parsed = parseKeyAgeInputs((name) => all[name] ?? '', repository, env);
    return inputMessages('key-age', label, { problems: parsed.ok ? [] : parsed.problems, warnings: parsed.warnings });
  });
}

// ---------------------------------------------------------------------------------------------
// AWS failures, from the message functions

const failure = (code: string, message: string, extra: Partial<AwsFailure> = {}): AwsFailure => ({
  code,
  message,
  clockSkewCorrected: false,
  network: false,
  throttling: false,
  sdkTransient: false,
  ...extra,
});
const permanent = (failed: AwsFailure) => new CallFailed(failed, 1, 'permanent', 120);
const notAuthorized = (callerArn: string, action: string) =>
  `User: ${callerArn} is not authorized to perform: ${action} on resource: ${ROLE_ARN}`;
const USER_ARN = 'arn:aws:iam::123456789012:user/sam-cli-user';

/** Failures of the key itself, and errors no message has specific advice for: the same in both actions. */
const SHARED_FAILURES: Array<[string, CallFailed]> = [
  ['InvalidClientTokenId', permanent(failure('InvalidClientTokenId', 'The security token included in the request is invalid.'))],
  [
    'UnrecognizedClientException',
    permanent(failure('UnrecognizedClientException', 'The security token included in the request is invalid.')),
  ],
  [
    'SignatureDoesNotMatch',
    permanent(failure('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')),
  ],
  ['ExpiredToken', permanent(failure('ExpiredToken', 'The security token included in the request is expired'))],
  ['ExpiredTokenException', permanent(failure('ExpiredTokenException', 'The security token included in the request is expired'))],
  [
    'clock skew (Signature expired)',
    permanent(failure('SignatureDoesNotMatch', 'Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z')),
  ],
  ['clock skew (RequestExpired)', permanent(failure('RequestExpired', 'Request has expired.'))],
  ['an error without specific advice', permanent(failure('NoSuchEntity', 'The role with name deploy cannot be found.'))],
  [
    'throttling until no attempts are left',
    new CallFailed(failure('Throttling', 'Rate exceeded', { httpStatus: 400 }), 5, 'attempts', 9400),
  ],
  [
    'no answer until no attempts are left',
    new CallFailed(failure('ENOTFOUND', 'getaddrinfo ENOTFOUND sts.eu-west-9.amazonaws.com', { network: true }), 1, 'attempts', 30),
  ],
  [
    '5xx until the time ran out',
    new CallFailed(failure('ServiceUnavailable', 'Service Unavailable', { httpStatus: 503 }), 4, 'time', 29500),
  ],
  [
    'no answer until the time ran out',
    new CallFailed(failure('TimeoutError', 'no answer within 10.0 s', { network: true }), 3, 'time', 30000),
  ],
];

const ROOT_FAILURES: Array<[string, CallFailed]> = [
  ...SHARED_FAILURES,
  ['AccessDenied naming the user', permanent(failure('AccessDenied', notAuthorized(USER_ARN, 'sts:AssumeRole')))],
  ['AccessDenied without a user', permanent(failure('AccessDenied', 'Access denied'))],
  ['AccessDeniedException', permanent(failure('AccessDeniedException', notAuthorized(USER_ARN, 'sts:AssumeRole')))],
  ['AccessDenied on sts:TagSession', permanent(failure('AccessDenied', notAuthorized(USER_ARN, 'sts:TagSession')))],
  ['AccessDenied on sts:SetSourceIdentity', permanent(failure('AccessDenied', notAuthorized(USER_ARN, 'sts:SetSourceIdentity')))],
  [
    'RegionDisabledException',
    permanent(failure('RegionDisabledException', 'STS is not activated in this region for account:123456789012.')),
  ],
  ['MalformedPolicyDocument', permanent(failure('MalformedPolicyDocument', 'Syntax errors in policy.'))],
  ['MalformedPolicyDocumentException', permanent(failure('MalformedPolicyDocumentException', 'Syntax errors in policy.'))],
  ['PackedPolicyTooLarge', permanent(failure('PackedPolicyTooLarge', 'Packed policy consumes 121% of allotted space'))],
  ['PackedPolicyTooLargeException', permanent(failure('PackedPolicyTooLargeException', 'Packed policy consumes 121% of allotted space'))],
  [
    'ValidationError on the duration',
    permanent(failure('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')),
  ],
  [
    'another ValidationError',
    permanent(failure('ValidationError', "1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint")),
  ],
];

const ASSUME_ROLE_CONTEXTS: Array<[string, AssumeRoleContext]> = [
  [
    'AssumeRole',
    {
      call: 'STS AssumeRole',
      region: 'eu-west-1',
      partition: 'aws',
      accessKeyId: KEY_ID,
      secrets: [SECRET],
      roleArn: ROLE_ARN,
      roleName: 'deploy',
      durationSeconds: 7200,
      sessionTags: true,
      sourceIdentity: true,
      externalId: true,
    },
  ],
  [
    'AssumeRole without options',
    {
      call: 'STS AssumeRole',
      region: 'eu-west-1',
      partition: 'aws',
      accessKeyId: KEY_ID,
      secrets: [SECRET],
      roleArn: ROLE_ARN,
      roleName: 'deploy',
      durationSeconds: 3600,
      sessionTags: false,
      sourceIdentity: false,
      externalId: false,
    },
  ],
  // As the shell calls it when role-to-assume is a bare name and GetCallerIdentity failed.
  [
    'GetCallerIdentity',
    {
      call: 'STS GetCallerIdentity',
      region: 'eu-west-1',
      partition: 'aws',
      accessKeyId: KEY_ID,
      secrets: [SECRET],
      roleArn: 'the role',
      roleName: 'deploy',
      durationSeconds: 3600,
      sessionTags: false,
      sourceIdentity: false,
      externalId: false,
    },
  ],
];

function rootFailureMessages(): Produced[] {
  return ASSUME_ROLE_CONTEXTS.flatMap(([call, context]) =>
    ROOT_FAILURES.map(([label, failed]): Produced => ({
      action: 'root',
      label: `${call}: ${label}`,
      message: explainAssumeRoleFailure(failed, context),
    })),
  );
}

const NOT_AUTHORIZED_WEB_IDENTITY = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';
const WEB_IDENTITY_FAILURES: Array<[string, CallFailed]> = [
  ['AccessDenied', permanent(failure('AccessDenied', NOT_AUTHORIZED_WEB_IDENTITY))],
  ['AccessDeniedException', permanent(failure('AccessDeniedException', NOT_AUTHORIZED_WEB_IDENTITY))],
  [
    'no OIDC provider',
    permanent(
      failure('InvalidIdentityToken', 'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com'),
    ),
  ],
  ['a wrong audience', permanent(failure('InvalidIdentityToken', 'Incorrect token audience'))],
  [
    'InvalidIdentityTokenException, another reason',
    permanent(failure('InvalidIdentityTokenException', "Couldn't retrieve verification key from your identity provider")),
  ],
  ['IDPRejectedClaim', permanent(failure('IDPRejectedClaim', 'Token rejected'))],
  ['IDPRejectedClaimException', permanent(failure('IDPRejectedClaimException', 'Token rejected'))],
  [
    'ExpiredTokenException',
    permanent(
      failure('ExpiredTokenException', 'Token expired: current date/time 1764600400 must be before the expiration date/time1764600300'),
    ),
  ],
  ['ExpiredToken', permanent(failure('ExpiredToken', 'Token expired'))],
  [
    'ValidationError on the duration',
    permanent(failure('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')),
  ],
  [
    'RegionDisabledException',
    permanent(failure('RegionDisabledException', 'STS is not activated in this region for account:123456789012.')),
  ],
  ['an error without specific advice', permanent(failure('NoSuchEntity', 'Not found'))],
  [
    'throttling until no attempts are left',
    new CallFailed(failure('Throttling', 'Rate exceeded', { httpStatus: 400 }), 5, 'attempts', 9400),
  ],
];

const WEB_IDENTITY_CALL: WebIdentityCall = {
  region: 'eu-west-1',
  partition: 'aws',
  roleArn: ROLE_ARN,
  roleName: 'deploy',
  account: '123456789012',
  audience: 'sts.amazonaws.com',
  durationSeconds: 7200,
  secrets: [],
  claims: {
    issuer: 'https://token.actions.githubusercontent.com',
    audiences: ['sts.amazonaws.com'],
    subject: 'repo:octo-org/app:ref:refs/heads/main',
    repository: 'octo-org/app',
    ref: 'refs/heads/main',
    expiresAt: 1764600300,
  },
};

function keylessMessages(): Produced[] {
  const calls: Array<[string, WebIdentityCall]> = [
    ['with claims', WEB_IDENTITY_CALL],
    ['without claims', { ...WEB_IDENTITY_CALL, claims: undefined }],
  ];
  return [
    ...calls.flatMap(([which, call]) =>
      WEB_IDENTITY_FAILURES.map(([label, failed]): Produced => ({
        action: 'root',
        label: `AssumeRoleWithWebIdentity ${which}: ${label}`,
        message: explainWebIdentityFailure(failed, call),
      })),
    ),
    { action: 'root', label: 'keyless: no id-token permission', message: noIdTokenPermission() },
    { action: 'root', label: 'keyless: the token request failed', message: idTokenRequestFailed(3, '12.5', 'Error: Error Code : 500') },
    {
      action: 'root',
      label: 'keyless: the token request failed once',
      message: idTokenRequestFailed(1, '0.1', 'Error: Error Code : 401', 401),
    },
  ];
}

const KEY_AGE_FAILURES: Array<[string, CallFailed]> = [
  ...SHARED_FAILURES,
  [
    'AccessDenied naming the user',
    permanent(
      failure('AccessDenied', 'User: arn:aws:iam::123456789012:user/ci/sam-cli-user is not authorized to perform: iam:ListAccessKeys'),
    ),
  ],
  ['AccessDenied without a user', permanent(failure('AccessDenied', 'Access denied'))],
  [
    'AccessDenied to a role session',
    permanent(
      failure('AccessDenied', 'User: arn:aws:sts::123456789012:assumed-role/deploy/gha-1 is not authorized to perform: iam:ListAccessKeys'),
    ),
  ],
  [
    'AccessDeniedException',
    permanent(
      failure(
        'AccessDeniedException',
        'User: arn:aws:iam::123456789012:user/sam-cli-user is not authorized to perform: iam:GetAccessKeyLastUsed',
      ),
    ),
  ],
];

function keyAgeFailureMessages(): Produced[] {
  return ['IAM ListAccessKeys', 'IAM GetAccessKeyLastUsed'].flatMap((call) => {
    const context: CallContext = { call, region: 'eu-west-1', partition: 'aws', accessKeyId: KEY_ID, secrets: [SECRET] };
    const watcher = permanent(
      failure(
        'AccessDenied',
        `User: arn:aws:sts::123456789012:assumed-role/sam-cli-user-key-age-watcher-role/gha-1 is not authorized to perform: ${call.replace('IAM ', 'iam:')}`,
      ),
    );
    return [
      ...KEY_AGE_FAILURES.map(([label, failed]): Produced => ({
        action: 'key-age',
        label: `${call}: ${label}`,
        message: explainKeyAgeFailure(failed, context),
      })),
      {
        action: 'key-age',
        label: `${call}: AccessDenied to a role session, with user-name`,
        message: explainKeyAgeFailure(watcher, { ...context, userName: 'sam-cli-user' }),
      },
    ];
  });
}

// ---------------------------------------------------------------------------------------------
// Key-age findings and tracking-issue warnings

const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);
const WORKFLOW_KEY = 'AKIAWORKFLOWKEY00001';
const OTHER_KEY = 'AKIAOTHERKEY00000002';

const FINDING_CASES: Array<[string, AccessKeyRecord[], Array<[string, LastUse]>, typeof DEFAULT_THRESHOLDS]> = [
  [
    'the workflow key over max-age-days',
    [{ accessKeyId: WORKFLOW_KEY, status: 'Active', createDate: daysAgo(95) }],
    [],
    DEFAULT_THRESHOLDS,
  ],
  [
    'the workflow key over warn-age-days',
    [{ accessKeyId: WORKFLOW_KEY, status: 'Active', createDate: daysAgo(85) }],
    [],
    DEFAULT_THRESHOLDS,
  ],
  [
    'a one-day-old key with tiny limits',
    [{ accessKeyId: WORKFLOW_KEY, status: 'Active', createDate: daysAgo(1) }],
    [],
    { maxAgeDays: 2, warnAgeDays: 1, maxUnusedDays: 1 },
  ],
  [
    'a second key never used, and two active keys',
    [
      { accessKeyId: WORKFLOW_KEY, status: 'Active', createDate: daysAgo(10) },
      { accessKeyId: OTHER_KEY, status: 'Active', createDate: daysAgo(50) },
    ],
    [],
    DEFAULT_THRESHOLDS,
  ],
  [
    'a second key unused for 60 days',
    [
      { accessKeyId: WORKFLOW_KEY, status: 'Active', createDate: daysAgo(10) },
      { accessKeyId: OTHER_KEY, status: 'Active', createDate: daysAgo(70) },
    ],
    [[OTHER_KEY, { date: daysAgo(60), service: 'sts', region: 'eu-west-1' }]],
    DEFAULT_THRESHOLDS,
  ],
  [
    "two active keys, neither the workflow's",
    [
      { accessKeyId: OTHER_KEY, status: 'Active', createDate: daysAgo(5) },
      { accessKeyId: 'AKIATHIRDKEY00000003', status: 'Active', createDate: daysAgo(3) },
    ],
    [],
    DEFAULT_THRESHOLDS,
  ],
  [
    'an inactive key',
    [
      { accessKeyId: WORKFLOW_KEY, status: 'Active', createDate: daysAgo(10) },
      { accessKeyId: OTHER_KEY, status: 'Inactive', createDate: daysAgo(100) },
    ],
    [],
    DEFAULT_THRESHOLDS,
  ],
];

function findingMessages(): Produced[] {
  const withoutKey: Produced = {
    action: 'key-age',
    label: 'finding: checked with user-name',
    message: findingTexts.workflowKeyUnknown('sam-cli-user'),
  };
  return [
    withoutKey,
    ...FINDING_CASES.flatMap(([label, keys, lastUse, thresholds]) => {
      const { findings } = assessKeys({ keys, lastUse: new Map(lastUse), now: NOW, thresholds, workflowKeyId: WORKFLOW_KEY });
      if (findings.length === 0) throw new Error(`the finding case "${label}" found nothing: fix the case`);
      return findings.map((finding): Produced => ({ action: 'key-age', label: `finding: ${label}`, message: finding.message }));
    }),
  ];
}

const ISSUE_FAILURES: Array<[string, IssueFailure, string]> = [
  ['401', { kind: 'http', status: 401 }, 'Bad credentials'],
  ['403', { kind: 'http', status: 403 }, 'Resource not accessible by integration'],
  ['404', { kind: 'http', status: 404 }, 'Not Found'],
  ['410', { kind: 'http', status: 410 }, 'Issues are disabled for this repo'],
  ['rate limit', { kind: 'http', status: 403 }, 'API rate limit exceeded for installation ID 1.'],
  ['422', { kind: 'http', status: 422 }, 'Validation Failed'],
  ['502', { kind: 'http', status: 502, attempts: 3, elapsedMs: 2100 }, 'Bad Gateway'],
  ['no answer', { kind: 'timeout', attempts: 3, elapsedMs: 30000 }, 'no answer within 10 s'],
  ['connection reset', { kind: 'network', code: 'ECONNRESET', attempts: 3, elapsedMs: 1200 }, 'read ECONNRESET'],
  ['other', { kind: 'other' }, 'GitHub GraphQL named no viewer for github-token'],
  [
    'plain http through a proxy',
    { kind: 'refused' },
    gitHubCallTexts.plainHttpThroughProxy('http://ghes.example', 'http://ci:***@proxy.example:3128'),
  ],
];

function issueMessages(): Produced[] {
  return [
    ...ISSUE_FAILURES.map(([label, failure, said]): Produced => ({
      action: 'key-age',
      label: `tracking issue: ${label}`,
      message: explainIssueFailure(failure, said, 'octo-org/app'),
    })),
    {
      action: 'key-age',
      label: 'tracking issue: no account',
      message: accountUnknown('octo-org/app', 'An explanation of the AWS failure.'),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Messages of the shell, produced by calling the shell's functions with fake clients

const QUICK_CLOCK: RetryClock = { now: () => 0, sleep: async () => undefined, random: () => 0 };
const ONE_ATTEMPT = { policy: { ...DEFAULT_RETRY_TIMING, maxAttempts: 1 }, clock: QUICK_CLOCK, onRetry: () => undefined };

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected the call to fail');
}

async function shellMessages(): Promise<Produced[]> {
  const answering = (answer: unknown) => ({ send: async () => answer });
  const sts = (answer: unknown) => answering(answer) as unknown as STSClient;
  const iam = answering({ AccessKeyMetadata: [], IsTruncated: true, Marker: 'next' }) as unknown as IAMClient;
  const noSecrets = { values: [SECRET] } as unknown as Secrets;
  const retryLine = (call: string, throttled = false) => {
    let line = '';
    logRetry(
      {
        info: (message) => {
          line = message;
        },
      },
      call,
      noSecrets,
    )({
      attempt: 1,
      maxAttempts: 5,
      failure: failure(throttled ? 'Throttling' : 'InternalFailure', 'Rate exceeded'),
      delayMs: 240,
      throttled,
    });
    return line;
  };
  return [
    {
      action: 'root',
      label: 'shell: GetCallerIdentity without an ARN',
      message: await messageOf(callerArn(sts({}), { ...ONE_ATTEMPT, mask: () => undefined })),
    },
    {
      action: 'root',
      label: 'shell: AssumeRole without credentials',
      message: await messageOf(
        assumeRole(sts({}), { RoleArn: ROLE_ARN, RoleSessionName: 's1' }, { ...ONE_ATTEMPT, mask: () => undefined }),
      ),
    },
    { action: 'root', label: 'shell: a retry of STS AssumeRole', message: retryLine('STS AssumeRole') },
    { action: 'root', label: 'shell: a retry of STS AssumeRole after throttling', message: retryLine('STS AssumeRole', true) },
    {
      action: 'root',
      label: 'shell: AssumeRoleWithWebIdentity without credentials',
      message: await messageOf(
        assumeRoleWithWebIdentity(
          sts({}),
          { RoleArn: ROLE_ARN, RoleSessionName: 's1', WebIdentityToken: 'x.y.z' },
          { ...ONE_ATTEMPT, mask: () => undefined },
        ),
      ),
    },
    { action: 'root', label: 'shell: a retry of the ID token request', message: retryLine('GitHub ID token request') },
    { action: 'root', label: 'shell: a retry of STS AssumeRoleWithWebIdentity', message: retryLine('STS AssumeRoleWithWebIdentity') },
    { action: 'key-age', label: 'shell: ListAccessKeys that never ends', message: await messageOf(listOwnAccessKeys(iam, ONE_ATTEMPT)) },
    { action: 'key-age', label: 'shell: a retry of IAM ListAccessKeys', message: retryLine('IAM ListAccessKeys') },
    { action: 'key-age', label: 'shell: a retry of IAM ListAccessKeys after throttling', message: retryLine('IAM ListAccessKeys', true) },
  ];
}

/** Messages the two run(io)s build from the catalogue after an answer, or when the summary file cannot be written. */
function runMessages(): Produced[] {
  const summary = summaryWriteFailed('Error: EACCES: permission denied');
  return [
    {
      action: 'root',
      label: 'run: allowed-account-ids and a resolved bare role',
      message: assumeRoleRefusals.accountNotAllowed(assumeRoleRefusals.givenRole(ROLE_ARN)),
    },
    {
      action: 'root',
      label: 'run: allowed-account-ids and the role STS answered for',
      message: assumeRoleRefusals.accountNotAllowed(assumeRoleRefusals.returnedRole('arn:aws:sts::210987654321:assumed-role/deploy/s1')),
    },
    { action: 'root', label: 'run: GetCallerIdentity ARN without an account', message: callerWithoutAccount },
    {
      action: 'root',
      label: 'run: an assumed-role ARN with a line break',
      message: stsAnswerRefusals.malformedArn('STS AssumeRole', 'arn:aws:sts::123456789012:assumed-role/deploy/x\n::error::x'),
    },
    {
      action: 'root',
      label: 'run: credentials for another account',
      message: stsAnswerRefusals.otherAccount(
        'STS AssumeRole',
        'arn:aws:sts::210987654321:assumed-role/deploy/s1',
        '210987654321',
        '123456789012',
      ),
    },
    {
      action: 'root',
      label: "run: credentials not shaped like AWS's",
      message: stsAnswerRefusals.malformedCredentials('STS AssumeRoleWithWebIdentity'),
    },
    {
      action: 'root',
      label: 'run: an expiry in year 9999',
      message: stsAnswerRefusals.impossibleExpiration('STS AssumeRole', new Date('9999-12-31T23:59:59Z')),
    },
    { action: 'root', label: 'run: the summary cannot be written', message: summary },
    {
      action: 'root',
      label: 'run: aws-profile exists',
      message: profileTexts.exists('prod', ['/home/runner/.aws/credentials', '/home/runner/.aws/config']),
    },
    {
      action: 'root',
      label: 'post: a profile cannot be removed',
      message: profileTexts.removeFailed('prod', '/home/runner/.aws/credentials', 'Error: EACCES: permission denied'),
    },
    {
      action: 'root',
      label: 'run: the AWS files stay locked by another step',
      message: profileTexts.locked('/home/runner/.aws/credentials.lock', { pid: 4242, heldForSeconds: 12 }, 30),
    },
    {
      action: 'root',
      label: 'run: the AWS files stay locked by an unknown owner',
      message: profileTexts.locked('/home/runner/.aws/config.lock', { heldForSeconds: 3 }, 30),
    },
    { action: 'root', label: 'run: AWS_PROFILE in the job', message: profileVariableWarning(['AWS_PROFILE']) },
    {
      action: 'root',
      label: 'run: the credentials server did not start',
      message: credentialsServerTexts.notStarted('no answer within 10.0 s'),
    },
    {
      action: 'root',
      label: 'server log: a refresh failed, may heal',
      message: serverLog.refreshRetry(
        'ServiceUnavailable: Service Unavailable, after 5 attempt(s)',
        new Date('2026-03-01T12:01:00Z'),
        new Date('2026-03-01T12:10:00Z'),
      ),
    },
    {
      action: 'root',
      label: 'server log: a refresh refused for good',
      message: serverLog.refreshRefused(
        'AccessDenied: User: arn:aws:iam::123456789012:user/sam-cli-user is not authorized to perform: sts:AssumeRole, after 1 attempt(s)',
        new Date('2026-03-01T12:10:00Z'),
      ),
    },
    { action: 'root', label: 'server log: refused to start', message: serverLog.badConfig('the config is not for this process') },
    { action: 'root', label: 'post: the recorded pid is another process', message: credentialsServerTexts.notOurs(4242) },
    {
      action: 'root',
      label: 'post: the credentials server would not stop',
      message: credentialsServerTexts.stopFailed(4242, 'it did not end on SIGTERM or SIGKILL'),
    },
    {
      action: 'root',
      label: 'run: AWS_PROFILE and AWS_DEFAULT_PROFILE in the job',
      message: profileVariableWarning(['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']),
    },
    { action: 'key-age', label: 'run: the summary cannot be written', message: summary },
    {
      action: 'root',
      label: 'input: a working-directory that is not a folder (checked before any call, after parsing)',
      message: `working-directory: ${inputRules.workingDirectoryMissing}`,
    },
    {
      action: 'root',
      label: 'input: a working-directory that links out of the workspace (checked before any call)',
      message: `working-directory: ${inputRules.workingDirectoryOutside}`,
    },
    ...samconfigMessages(),
    ...peerInputMessages(),
  ];
}

/** The inputs taken over from aws-actions/configure-aws-credentials: what depends on the environment or the run. */
function peerInputMessages(): Produced[] {
  const root = (label: string, message: string): Produced => ({ action: 'root', label, message });
  const file = 'token.jwt';
  return [
    ...((): Produced[] => {
      const parsed = parseActionInputs(
        (name) =>
          (
            ({ 'aws-region': 'eu-west-1', 'role-to-assume': ROLE_ARN, 'role-chaining': 'true', 'role-duration-seconds': '7200' }) as Record<
              string,
              string
            >
          )[name] ?? '',
        { AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLETOKEN' },
      );
      return inputMessages('root', 'role-chaining for two hours', {
        problems: parsed.ok ? [] : parsed.problems,
        warnings: parsed.warnings,
      });
    })(),
    root(
      'input: role-chaining with a malformed AWS_SESSION_TOKEN',
      `role-chaining: ${peerInputRules.environmentKeyShape('AWS_SESSION_TOKEN')}`,
    ),
    root('run: token file, relative, no workspace', tokenFileRefusals.noWorkspace(file)),
    root('run: token file outside the workspace', tokenFileRefusals.outsideWorkspace('/etc/token')),
    root('run: token file unreadable', tokenFileRefusals.unreadable(file, 'ENOENT')),
    root('run: token file a folder', tokenFileRefusals.notAFile(file)),
    root('run: token file too large', tokenFileRefusals.tooLarge(file, 20000)),
    root('run: token file not a JWT', tokenFileRefusals.notAToken(file)),
    root('run: use-existing-credentials, none', peerInputLog.existingNone),
    root(
      'run: use-existing-credentials, rejected',
      peerInputLog.existingRejected('ExpiredToken: The security token included in the request is expired'),
    ),
    root('run: use-existing-credentials, another account', peerInputLog.existingOtherAccount('210987654321')),
    root('run: use-existing-credentials, valid', peerInputLog.existingValid('arn:aws:sts::123456789012:assumed-role/deploy/gha-1-1')),
    root('run: action-timeout-s ran out', peerInputLog.timedOut(60)),
  ];
}

/** SAM CLI's samconfig: each finding through the code that finds it, and each file the action cannot check. */
function samconfigMessages(): Produced[] {
  const findings = samconfigFindings(
    {
      default: {
        deploy: { parameters: { profile: 'prod', region: 'us-east-1', resolve_s3: true } },
        global: { parameters: { s3_bucket: 'artifacts' } },
      },
    },
    'app/samconfig.toml',
    'eu-west-1',
  );
  return [
    ...findings.map((finding) => ({
      action: 'root' as const,
      label: `run: samconfig ${finding.kind}`,
      message: samconfigWarning(finding),
    })),
    ...samconfigFindings({ version: 1n }, 'samconfig.toml', 'eu-west-1').map((finding) => ({
      action: 'root' as const,
      label: 'run: samconfig integer version',
      message: samconfigWarning(finding),
    })),
    ...samconfigFindings({ version: 0.1, default: {} }, 'samconfig.toml', 'eu-west-1', 'prod').map((finding) => ({
      action: 'root' as const,
      label: 'run: samconfig without the config-env environment',
      message: samconfigWarning(finding),
    })),
    ...samconfigFindings(['x'], 'samconfig.yaml', 'eu-west-1').map((finding) => ({
      action: 'root' as const,
      label: 'run: samconfig not a table',
      message: samconfigWarning(finding),
    })),
    {
      action: 'root',
      label: 'run: samconfig does not parse',
      message: samconfigTexts.unparsable('samconfig.toml', 'Invalid TOML document: unexpected end of table header'),
    },
    { action: 'root', label: 'run: samconfig too large', message: samconfigTexts.tooLarge('samconfig.toml', 1048576) },
    {
      action: 'root',
      label: 'run: samconfig is a link out of the workspace',
      message: samconfigTexts.outsideWorkspace('services/api/samconfig.toml'),
    },
    {
      action: 'root',
      label: 'run: samconfig unreadable',
      message: samconfigTexts.unreadable('samconfig.toml', 'EACCES: permission denied'),
    },
  ];
}

/** What either action says when a proxy is in the way (built by the tunnel agent and proxy-settings). */
function proxyMessages(): Produced[] {
  const proxy = 'http://ci:***@proxy.corp:3128';
  return (['root', 'key-age'] as const).flatMap((action) => [
    { action, label: 'proxy: CONNECT answered 203', message: proxyTexts.connectRefused(proxy, 'sts.eu-west-1.amazonaws.com:443', 203) },
    {
      action,
      label: 'proxy: TLS for another name',
      message: proxyTexts.tlsUnverified(
        proxy,
        'iam.amazonaws.com:443',
        "ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match certificate's altnames",
      ),
    },
    { action, label: 'proxy: an http endpoint behind a proxy', message: proxyTexts.plainHttp('http://127.0.0.1:4566', proxy) },
    { action, label: 'input: HTTPS_PROXY that does not parse', message: proxyTexts.notAUrl('HTTPS_PROXY') },
  ]);
}

// ---------------------------------------------------------------------------------------------

let produced: Produced[] = [];

beforeAll(async () => {
  produced = [
    ...rootInputMessages(),
    ...rootFailureMessages(),
    ...keylessMessages(),
    ...keyAgeInputMessages(),
    ...keyAgeFailureMessages(),
    ...findingMessages(),
    ...issueMessages(),
    ...(await shellMessages()),
    ...runMessages(),
    ...proxyMessages(),
  ];
});

afterEach(() => {
  jest.restoreAllMocks();
});

const unexplained = (action: Action) =>
  produced.filter((item) => item.action === action && matching(item).length === 0).map(({ label, message }) => `${label}: ${message}`);

const unproduced = (section: Section, by: readonly Action[]) =>
  ENTRIES.filter((entry) => entry.section === section)
    .filter((entry) => !by.every((action) => produced.some((item) => item.action === action && entry.regex.test(item.message))))
    .map((entry) => `${DOC_PATH}:${entry.line}: ${entry.pattern}`);

describe('docs/troubleshooting.md', () => {
  test('lists messages for both actions together, for the root action and for the key-age action, each as a table row with a backticked message', () => {
    expect(MALFORMED_ROWS).toEqual([]);
    for (const [, section] of SECTION_HEADINGS) expect(ENTRIES.filter((entry) => entry.section === section).length).toBeGreaterThan(0);
  });

  test('every message the root action can print is explained in docs/troubleshooting.md', () => {
    expect(produced.filter((item) => item.action === 'root').length).toBeGreaterThan(50);
    expect(unexplained('root')).toEqual([]);
  });

  test('every message the key-age action can print is explained in docs/troubleshooting.md', () => {
    expect(produced.filter((item) => item.action === 'key-age').length).toBeGreaterThan(50);
    expect(unexplained('key-age')).toEqual([]);
  });

  test('no message fits two entries, so a user finds one explanation, not two', () => {
    const ambiguous = produced
      .map((item) => ({ item, entries: matching(item) }))
      .filter(({ entries }) => entries.length > 1)
      .map(({ item, entries }) => `${item.label}: ${entries.map((entry) => entry.pattern).join(' / ')}`);
    expect(ambiguous).toEqual([]);
  });

  test("every entry in the root action's section is a message the root action still prints", () => {
    expect(unproduced('root', ['root'])).toEqual([]);
  });

  test("every entry in the key-age action's section is a message the key-age action still prints", () => {
    expect(unproduced('key-age', ['key-age'])).toEqual([]);
  });

  test('every entry under "Both actions" is a message both actions still print', () => {
    expect(unproduced('both', ['root', 'key-age'])).toEqual([]);
  });

  test('shows the two shapes an input error takes in the log, as the code writes them', () => {
    const one = describeInputProblems(['aws-region: is required']);
    const two = describeInputProblems(['aws-region: is required', 'role-to-assume: is required']);
    expect(DOC).toContain(one.slice(0, one.indexOf('aws-region')));
    expect(DOC).toContain(two.split('\n')[0]?.replace(/^\d+/, ''));
    expect(two.split('\n').slice(1)).toEqual(['- aws-region: is required', '- role-to-assume: is required']);
  });

  test('states the retry time budget the code uses', () => {
    expect(DOC).toContain(`${DEFAULT_RETRY_TIMING.totalBudgetMs / 1000} seconds for all attempts`);
  });
});

describe('the generated cases above, so the doc check stays complete', () => {
  test('cover every input rule in the catalogue', () => {
    const SLOT = '\u0000';
    const rules = [...Object.values(inputRules), ...Object.values(peerInputRules)].map((rule) =>
      typeof rule === 'string' ? rule : (rule as (...slots: string[]) => string)(SLOT, SLOT, SLOT),
    );
    expect(rules.length).toBeGreaterThan(25);
    const missing = rules.filter((rule) => {
      // The longest fixed piece of the rule's text, between the parts filled in at run time.
      const fixed = rule.split(SLOT).reduce((longest, piece) => (piece.length > longest.length ? piece : longest), '');
      return !produced.some((item) => item.label.startsWith('input: ') && item.message.includes(fixed));
    });
    expect(missing).toEqual([]);
  });

  test('cover every AWS error code and HTTP status the message functions handle', () => {
    const codes: string[] = [...KEY_FAILURE_CODES, ...ASSUME_ROLE_FAILURE_CODES];
    expect(codes.length).toBeGreaterThan(10);
    const webIdentityCodes = [...readFileSync('src/assume-role/web-identity-failure.ts', 'utf8').matchAll(/case '(\w+)':/g)].map(
      (match) => match[1],
    );
    expect(webIdentityCodes.filter((code) => !WEB_IDENTITY_FAILURES.some(([, failed]) => failed.failure.code === code))).toEqual([]);
    const generated = new Set([...ROOT_FAILURES, ...KEY_AGE_FAILURES].map(([, failed]) => failed.failure.code));
    expect(codes.filter((code) => code !== undefined && !generated.has(code))).toEqual([]);
    const statuses: number[] = [...ISSUE_FAILURE_STATUSES];
    expect(statuses.filter((status) => !ISSUE_FAILURES.some(([, generated]) => generated.status === status))).toEqual([]);
  });
});

/**
 * Every entry of the message catalogue, and where this file produces it: `produced` entries are
 * printed as an error, warning or notice and are checked against the doc above; the others are
 * log lines or GitHub texts, which the troubleshooting page does not list. A new catalogue entry
 * fails this test until it is placed here (and, if produced, given cases above).
 */
const CATALOGUE_COVERAGE: Record<string, 'produced' | 'not an error, warning or notice' | 'command line: docs/rotation.md'> = {
  // The command line's and the rotate action's texts (and the GitHub calls' they quote) are explained in docs/rotation.md (checked by __tests__/docs/rotation-doc.test.ts), not in this table.
  ...Object.fromEntries(
    CATALOGUE.filter((entry) => ['rotation', 'rotation-surface', 'rotation-command-line', 'github-calls'].includes(entry.area)).map(
      (entry) => [`${entry.area}:${entry.name}`, 'command line: docs/rotation.md' as const],
    ),
  ),
  // The reason quoted in the tracking issue's warning (explainIssueFailure, produced above), not a message of its own.
  'github-calls:gitHubCallTexts.noViewer': 'not an error, warning or notice',
  // Quoted in the tracking issue's warning (produced above) and in the rotation's errors (docs/rotation.md).
  'github-calls:gitHubCallTexts.plainHttpThroughProxy': 'produced',
  // The root action's job summary: not an error, warning or notice.
  'assume-role-summary:summaryFor': 'not an error, warning or notice',
  'assume-role-summary:whereCredentialsAre': 'not an error, warning or notice',
  // The command key-age's findings end with (they are produced above); not a message of its own.
  'key-findings:rotateCommandFor': 'not an error, warning or notice',
  'inputs:inputRules.required': 'produced',
  'inputs:inputRules.secretRequired': 'produced',
  'inputs:inputRules.secretWhiteSpace': 'produced',
  'inputs:inputRules.boolean': 'produced',
  'inputs:inputRules.wholeNumber': 'produced',
  'inputs:inputRules.numberRange': 'produced',
  'inputs:inputRules.numberTooLong': 'produced',
  'inputs:inputWarnings.whiteSpaceRemoved': 'produced',
  'inputs:inputRules.accessKeyId': 'produced',
  'inputs:inputRules.secretAccessKey': 'produced',
  'inputs:inputRules.keyIdIsSecret': 'produced',
  'inputs:inputRules.keyIdTemporary': 'produced',
  'inputs:inputRules.region': 'produced',
  'inputs:inputRules.roleArn': 'produced',
  'inputs:inputRules.roleName': 'produced',
  'inputs:inputRules.policyNotJson': 'produced',
  'inputs:inputRules.policyNotObject': 'produced',
  'inputs:inputRules.policyTooLong': 'produced',
  'inputs:inputRules.managedPolicyArns': 'produced',
  'inputs:inputRules.managedPoliciesTooMany': 'produced',
  'inputs:inputRules.sessionName': 'produced',
  'inputs:inputRules.profileName': 'produced',
  'inputs:inputRules.proxyUrl': 'produced',
  'proxy:proxyTexts.connectRefused': 'produced',
  'proxy:proxyTexts.tlsUnverified': 'produced',
  'proxy:proxyTexts.plainHttp': 'produced',
  'proxy:proxyTexts.notAUrl': 'produced',
  'inputs:inputRules.externalId': 'produced',
  'inputs:inputRules.accountIds': 'produced',
  'inputs:inputRules.partitionMismatch': 'produced',
  'inputs:inputRules.accountNotAllowed': 'produced',
  'inputs:inputRules.audience': 'produced',
  'inputs:inputRules.keylessExternalId': 'produced',
  'inputs:inputRules.keylessRoleArn': 'produced',
  'inputs:inputRules.keylessSecretWithoutId': 'produced',
  'inputs:inputRules.keylessSessionTags': 'produced',
  'inputs:inputRules.keylessSourceIdentity': 'produced',
  'inputs:inputRules.warnAgeNotLess': 'produced',
  ...Object.fromEntries(
    CATALOGUE.filter((entry) => ['peer-inputs', 'token-file'].includes(entry.area)).map((entry) => [
      `${entry.area}:${entry.name}`,
      'produced' as const,
    ]),
  ),
  'peer-inputs:peerInputLog.unset': 'not an error, warning or notice',
  'peer-inputs:peerInputLog.timeout': 'not an error, warning or notice',
  'peer-inputs:peerInputLog.tokenFile': 'not an error, warning or notice',
  'peer-inputs:peerInputLog.chaining': 'not an error, warning or notice',
  'inputs:inputRules.githubTokenEmpty': 'produced',
  'inputs:inputRules.noRepository': 'produced',
  'inputs:inputRules.environmentName': 'produced',
  'inputs:inputRules.userName': 'produced',
  'inputs:inputRules.userNameWithKey': 'produced',
  'inputs:inputRules.userNameRequired': 'produced',
  'inputs:inputRules.secretWithoutKeyUser': 'produced',
  'inputs:inputRules.environmentCredentialsMissing': 'produced',
  'inputs:inputRules.environmentCredentialShape': 'produced',
  'key-findings:findingTexts.workflowKeyUnknown': 'produced',
  'action-log:actionLog.signing': 'not an error, warning or notice',
  'action-log:actionLog.assumed': 'not an error, warning or notice',
  'action-log:actionLog.blanked': 'not an error, warning or notice',
  'action-log:actionLog.readingKeys': 'not an error, warning or notice',
  'assume-role-failures:assumeRoleContext': 'produced',
  'assume-role-failures:assumeRoleRefusals.accountNotAllowed': 'produced',
  'assume-role-failures:assumeRoleRefusals.givenRole': 'produced',
  'assume-role-failures:assumeRoleRefusals.returnedRole': 'produced',
  'aws-failures:callerWithoutAccount': 'produced',
  'assume-role-failures:explainAssumeRoleFailure': 'produced',
  'assume-role-failures:stsAnswerRefusals.malformedArn': 'produced',
  'assume-role-failures:stsAnswerRefusals.otherAccount': 'produced',
  'assume-role-failures:stsAnswerRefusals.malformedCredentials': 'produced',
  'assume-role-failures:stsAnswerRefusals.impossibleExpiration': 'produced',
  'action-log:actionLog.endpoint': 'not an error, warning or notice',
  'aws-failures:awsSaid': 'produced',
  'aws-failures:explainCommonFailure': 'produced',
  'aws-failures:explainGaveUp': 'produced',
  'aws-failures:explainKeyFailure': 'produced',
  'aws-failures:incompleteAnswer': 'produced',
  'aws-failures:pagesNeverEnded': 'produced',
  'aws-failures:retryLine': 'produced',
  'job-environment:profileTexts.exists': 'produced',
  'job-environment:profileTexts.written': 'not an error, warning or notice',
  'job-environment:profileTexts.removed': 'not an error, warning or notice',
  'job-environment:profileTexts.removeFailed': 'produced',
  'job-environment:profileTexts.locked': 'produced',
  'job-environment:profileVariableWarning': 'produced',
  'inputs:inputRules.refreshWithoutEnvironment': 'produced',
  'inputs:inputRules.refreshTemporarySource': 'produced',
  'credentials-server:credentialsServerTexts.started': 'not an error, warning or notice',
  'credentials-server:credentialsServerTexts.notStarted': 'produced',
  'credentials-server:credentialsServerTexts.stopped': 'not an error, warning or notice',
  'credentials-server:credentialsServerTexts.alreadyGone': 'not an error, warning or notice',
  'credentials-server:credentialsServerTexts.notOurs': 'produced',
  'credentials-server:credentialsServerTexts.stopFailed': 'produced',
  // The server's own log (a file under RUNNER_TEMP), explained in docs/long-deploys.md.
  'credentials-server:serverLog.listening': 'not an error, warning or notice',
  'credentials-server:serverLog.refreshed': 'not an error, warning or notice',
  'credentials-server:serverLog.refreshRetry': 'produced',
  'credentials-server:serverLog.refreshRefused': 'produced',
  'credentials-server:serverLog.stopped': 'not an error, warning or notice',
  'credentials-server:serverLog.badConfig': 'produced',
  'key-age-failures:explainKeyAgeFailure': 'produced',
  'key-findings:findingTexts.tooOld': 'produced',
  'key-findings:findingTexts.ageing': 'produced',
  'key-findings:findingTexts.neverUsed': 'produced',
  'key-findings:findingTexts.unused': 'produced',
  'key-findings:findingTexts.twoActive': 'produced',
  'key-findings:findingTexts.inactive': 'produced',
  'key-findings:findingTexts.checked': 'not an error, warning or notice',
  'step:summaryWriteFailed': 'produced',
  'inputs:inputRules.workingDirectory': 'produced',
  'inputs:inputRules.configEnv': 'produced',
  'inputs:inputRules.workingDirectoryMissing': 'produced',
  'inputs:inputRules.workingDirectoryOutside': 'produced',
  'samconfig:samconfigTexts.profile': 'produced',
  'samconfig:samconfigTexts.region': 'produced',
  'samconfig:samconfigTexts.resolveS3WithBucket': 'produced',
  'samconfig:samconfigTexts.version': 'produced',
  'samconfig:samconfigTexts.unparsable': 'produced',
  'samconfig:samconfigTexts.notATable': 'produced',
  'samconfig:samconfigTexts.tooLarge': 'produced',
  'samconfig:samconfigTexts.outsideWorkspace': 'produced',
  'samconfig:samconfigTexts.environmentMissing': 'produced',
  'samconfig:samconfigTexts.unreadable': 'produced',
  'tracking-issue:explainIssueFailure': 'produced',
  'tracking-issue:accountUnknown': 'produced',
  'tracking-issue:trackingIssueTexts.title': 'not an error, warning or notice',
  'tracking-issue:trackingIssueTexts.bodyIntro': 'not an error, warning or notice',
  'tracking-issue:trackingIssueTexts.bodyFooter': 'not an error, warning or notice',
  'tracking-issue:trackingIssueTexts.closingComment': 'not an error, warning or notice',
  'tracking-issue:trackingIssueTexts.duplicateComment': 'not an error, warning or notice',
  'tracking-issue:trackingIssueTexts.none': 'not an error, warning or notice',
  'tracking-issue:trackingIssueTexts.opened': 'not an error, warning or notice',
  'tracking-issue:trackingIssueTexts.updated': 'not an error, warning or notice',
  'tracking-issue:trackingIssueTexts.closed': 'not an error, warning or notice',
  'web-identity:noIdTokenPermission': 'produced',
  'web-identity:idTokenRequestFailed': 'produced',
  'web-identity:keylessLog.mode': 'not an error, warning or notice',
  'web-identity:keylessLog.token': 'not an error, warning or notice',
  'key-findings:keylessPathNote': 'not an error, warning or notice',
  'web-identity:subjectFormNote': 'not an error, warning or notice',
  'web-identity:webIdentityAccessDenied': 'produced',
  'web-identity:noOidcProvider': 'produced',
  'web-identity:audienceMismatch': 'produced',
  'web-identity:webIdentityTokenExpired': 'produced',
  'web-identity:webIdentityTokenRejected': 'produced',
};

describe('the message catalogue (src/shared/messages)', () => {
  test('every entry is placed: checked against the doc through the cases above, or not a troubleshooting message', () => {
    expect(CATALOGUE.map((entry) => `${entry.area}:${entry.name}`).sort()).toEqual(Object.keys(CATALOGUE_COVERAGE).sort());
  });
});
