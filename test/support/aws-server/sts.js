// @ts-check
/**
 * The STS actions: AssumeRole (parameters validated as STS does, trust, tags and source identity
 * actions, role chaining's hour, MaxSessionDuration, the packed-policy budget), GetCallerIdentity,
 * and AssumeRoleWithWebIdentity (unsigned; the token checked by web-identity.js); and what STS
 * refuses before any action: a disabled region, AssumeRole over the rate limit.
 */
import { AwsError, ConstraintViolations, accessDenied } from './errors.js';
import { ERROR_FAULTS } from './faults.js';
import { memberList } from './query.js';
import { verifyWebIdentityToken } from './web-identity.js';
import { checkMaxSessionDuration, isJson, packedPolicyPercent, trusts } from './sts-checks.js';
import { element, isoSeconds, optionalElement, textElement } from './xml.js';

const DEFAULT_DURATION_SECONDS = 3600;
const ROLE_CHAINING_MAX_SECONDS = 3600;
const SESSION_NAME_PATTERN = /^[\w+=,.@-]*$/;
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]*$/;

/**
 * @typedef {{ caller: import('./world.js').Caller, params: Map<string, string>, region: string }} CallContext
 */

/**
 * @param {import('./world.js').World} world
 * @param {{ caller: import('./world.js').Caller, region: string, action: string, assumeRoleLimit: { take: () => boolean } | undefined }} call
 */
export function refuseUnavailable(world, { caller, region, action, assumeRoleLimit }) {
  if (world.disabledRegions.has(region)) {
    throw new AwsError(
      403,
      'RegionDisabledException',
      `STS is not activated in this region for account:${caller.account}. Your account administrator can activate STS in this region using the IAM Console.`,
    );
  }
  if (action === 'AssumeRole' && assumeRoleLimit && !assumeRoleLimit.take()) throw new AwsError(...ERROR_FAULTS.throttle);
}

/** @param {import('./world.js').World} world */
export function stsActions(world) {
  return {
    /** @param {CallContext} context */
    AssumeRole({ caller, params, region }) {
      const roleArn = params.get('RoleArn');
      const roleSessionName = params.get('RoleSessionName');
      const durationText = params.get('DurationSeconds');
      const sourceIdentity = params.get('SourceIdentity');
      const policy = params.get('Policy');
      const tags = memberList(params, 'Tags').map((tag) => ({ key: tag.get('Key') ?? '', value: tag.get('Value') ?? '' }));
      const policyArns = memberList(params, 'PolicyArns').map((item) => item.get('arn') ?? '');

      const problems = new ConstraintViolations();
      problems.checkLength('roleArn', roleArn, 20, 2048, { required: true });
      problems.checkLength('roleSessionName', roleSessionName, 2, 64, { required: true, pattern: SESSION_NAME_PATTERN });
      problems.checkInteger('durationSeconds', durationText, 900, 43200);
      problems.checkLength('externalId', params.get('ExternalId'), 2, 1224, { pattern: EXTERNAL_ID_PATTERN });
      problems.checkLength('sourceIdentity', sourceIdentity, 2, 64, { pattern: SESSION_NAME_PATTERN });
      problems.checkLength('policy', policy, 1, 2048);
      tags.forEach((tag, i) => {
        problems.checkLength(`tags.${i + 1}.member.key`, tag.key, 1, 128, { required: true });
        problems.checkLength(`tags.${i + 1}.member.value`, tag.value, 0, 256);
      });
      problems.throwIfAny();
      if (policy !== undefined && !isJson(policy))
        throw new AwsError(400, 'MalformedPolicyDocument', 'The policy is not in the valid JSON format.');

      const role = world.roles.get(roleArn ?? '');
      /** @param {string} stsAction */
      const denied = (stsAction) => accessDenied(caller.arn, stsAction, `${roleArn}`);
      if (!role || !trusts(role, caller)) throw denied('sts:AssumeRole');
      if (tags.length > 0 && !role.trustActions.includes('sts:TagSession')) throw denied('sts:TagSession');
      if (sourceIdentity !== undefined && !role.trustActions.includes('sts:SetSourceIdentity')) throw denied('sts:SetSourceIdentity');

      const durationSeconds = durationText === undefined ? DEFAULT_DURATION_SECONDS : Number(durationText);
      if (caller.kind === 'session' && durationSeconds > ROLE_CHAINING_MAX_SECONDS) {
        throw new AwsError(
          400,
          'ValidationError',
          'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
        );
      }
      checkMaxSessionDuration(role, durationSeconds);
      const packedPolicySize = packedPolicyPercent(policy, policyArns, tags);
      const session = world.issueSession(role, {
        callerArn: caller.arn,
        roleSessionName: /** @type {string} */ (roleSessionName),
        region,
        durationSeconds,
        sourceIdentity,
        tags,
        policy,
        policyArns,
      });
      return (
        optionalElement('SourceIdentity', sourceIdentity) + sessionXml(session) + optionalElement('PackedPolicySize', packedPolicySize)
      );
    },

    /** @param {CallContext} context */
    GetCallerIdentity({ caller }) {
      const userId = caller.kind === 'user' ? caller.user.userId : caller.session.record.assumedRoleId;
      return textElement('Arn', caller.arn) + textElement('UserId', userId) + textElement('Account', caller.account);
    },
  };
}

/**
 * AssumeRoleWithWebIdentity, unsigned: the token checked as STS does (web-identity.js), then a
 * session like AssumeRole's.
 * @param {import('./world.js').World} world
 * @param {Map<string, string>} params
 */
export function assumeRoleWithWebIdentity(world, params) {
  const roleArn = params.get('RoleArn');
  const roleSessionName = params.get('RoleSessionName');
  const durationText = params.get('DurationSeconds');
  const policy = params.get('Policy');
  const policyArns = memberList(params, 'PolicyArns').map((item) => item.get('arn') ?? '');
  const token = params.get('WebIdentityToken');
  const problems = new ConstraintViolations();
  problems.checkLength('roleArn', roleArn, 20, 2048, { required: true });
  problems.checkLength('roleSessionName', roleSessionName, 2, 64, { required: true, pattern: SESSION_NAME_PATTERN });
  problems.checkLength('webIdentityToken', token, 4, 20000, { required: true });
  problems.checkInteger('durationSeconds', durationText, 900, 43200);
  problems.checkLength('policy', policy, 1, 2048);
  problems.throwIfAny();
  const account = /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(roleArn ?? '')?.[1] ?? '';
  const role = world.roles.get(roleArn ?? '');
  const verdict = verifyWebIdentityToken(/** @type {string} */ (token), {
    providers: world.oidcProviders.filter((provider) => provider.arn.split(':')[4] === account),
    role: role && { arn: role.arn, account: role.account, federatedTrust: role.federatedTrust },
    now: world.now(),
  });
  if (!verdict.ok) throw new AwsError(verdict.status, verdict.code, verdict.message);
  const trusted = /** @type {import('./world.js').Role} */ (role);
  const durationSeconds = durationText === undefined ? DEFAULT_DURATION_SECONDS : Number(durationText);
  checkMaxSessionDuration(trusted, durationSeconds);
  const session = world.issueSession(trusted, {
    callerArn: verdict.provider.arn,
    roleSessionName: /** @type {string} */ (roleSessionName),
    region: '',
    durationSeconds,
    sourceIdentity: undefined,
    tags: [],
    policy,
    policyArns,
    webIdentity: { provider: verdict.provider.arn, audience: verdict.audience, subject: verdict.subject },
  });
  return (
    textElement('SubjectFromWebIdentityToken', verdict.subject) +
    textElement('Audience', verdict.audience) +
    sessionXml(session) +
    textElement('Provider', verdict.provider.url.replace(/^https:\/\//, ''))
  );
}

/**
 * `AssumedRoleUser` and `Credentials`, as both AssumeRole actions answer them.
 * @param {import('./world.js').IssuedSession} session
 */
function sessionXml({ record, secretAccessKey, sessionToken }) {
  return (
    element('AssumedRoleUser', textElement('Arn', record.assumedRoleArn) + textElement('AssumedRoleId', record.assumedRoleId)) +
    element(
      'Credentials',
      textElement('AccessKeyId', record.accessKeyId) +
        textElement('SecretAccessKey', secretAccessKey) +
        textElement('SessionToken', sessionToken) +
        textElement('Expiration', isoSeconds(record.expiration)),
    )
  );
}
