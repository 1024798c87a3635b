// @ts-check
/**
 * How STS decides AssumeRoleWithWebIdentity, as a pure function the test server calls: the
 * issuer needs an IAM OIDC provider in the role's account, the audience must be one of the
 * provider's client ids, the signature must verify against the provider's key, the token must not
 * have expired, and a statement of the role's trust policy must name the provider as its
 * Federated principal with conditions the token's claims meet. Answers use AWS's error codes and
 * messages. AWS fetches the provider's keys from the issuer; here the provider carries them.
 */
import { createPublicKey, verify } from 'node:crypto';

/**
 * @typedef {object} OidcProvider an IAM OIDC identity provider
 * @property {string} arn arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com
 * @property {string} url https://token.actions.githubusercontent.com
 * @property {string[]} clientIds the audiences it accepts
 * @property {import('node:crypto').JsonWebKey[]} keys the issuer's signing keys (AWS reads them from its JWKS)
 *
 * @typedef {Record<string, string | string[]>} ConditionBlock condition key → value(s), any may match
 *
 * @typedef {object} FederatedStatement one Allow statement for sts:AssumeRoleWithWebIdentity
 * @property {string} federated the provider ARN in Principal.Federated
 * @property {{ StringEquals?: ConditionBlock, StringLike?: ConditionBlock }} [condition]
 *
 * @typedef {object} WebIdentityRole
 * @property {string} arn
 * @property {string} account
 * @property {FederatedStatement[]} federatedTrust empty for a role that trusts only IAM users
 *
 * @typedef {{ ok: true, claims: Record<string, unknown>, provider: OidcProvider, audience: string, subject: string }
 *   | { ok: false, status: number, code: string, message: string }} Verdict
 */

const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';

/**
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @returns {Verdict}
 */
const refuse = (status, code, message) => ({ ok: false, status, code, message });

/**
 * @param {string} token
 * @param {{ providers: OidcProvider[], role: WebIdentityRole | undefined, now: Date }} world
 *   providers: those of the account the role ARN names; role: undefined when no such role exists
 * @returns {Verdict}
 */
export function verifyWebIdentityToken(token, { providers, role, now }) {
  const parts = decodeCompact(token);
  if (!parts)
    return refuse(
      400,
      'InvalidIdentityToken',
      'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
    );
  const { header, claims, signedPart, signature } = parts;
  const issuer = typeof claims.iss === 'string' ? claims.iss : '';
  const provider = providers.find((candidate) => candidate.url === issuer);
  if (!provider) return refuse(400, 'InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${issuer}`);
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
  const audience = audiences.find((one) => provider.clientIds.includes(one));
  if (audience === undefined) return refuse(400, 'InvalidIdentityToken', 'Incorrect token audience');
  if (header.alg !== 'RS256' || !signatureVerifies(provider, header, signedPart, signature)) {
    return refuse(
      400,
      'InvalidIdentityToken',
      'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.',
    );
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const exp = typeof claims.exp === 'number' ? claims.exp : 0;
  if (nowSeconds >= exp) {
    // AWS's own text, including the missing space before the second number.
    return refuse(
      400,
      'ExpiredTokenException',
      `Token expired: current date/time ${nowSeconds} must be before the expiration date/time${exp}`,
    );
  }
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  if (!role || !role.federatedTrust.some((statement) => admits(statement, provider, claims, audience))) {
    return refuse(403, 'AccessDenied', NOT_AUTHORIZED);
  }
  return { ok: true, claims, provider, audience, subject };
}

/**
 * @param {string} token
 * @returns {{ header: Record<string, unknown>, claims: Record<string, unknown>, signedPart: string, signature: Buffer } | undefined}
 */
function decodeCompact(token) {
  const segments = token.split('.');
  if (segments.length !== 3 || segments.some((segment) => !/^[A-Za-z0-9_-]+$/.test(segment))) return undefined;
  const [headerText = '', payloadText = '', signatureText = ''] = segments;
  try {
    const header = JSON.parse(Buffer.from(headerText, 'base64url').toString('utf8'));
    const claims = JSON.parse(Buffer.from(payloadText, 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || typeof claims !== 'object' || claims === null || Array.isArray(claims))
      return undefined;
    return { header, claims, signedPart: `${headerText}.${payloadText}`, signature: Buffer.from(signatureText, 'base64url') };
  } catch {
    return undefined;
  }
}

/**
 * @param {OidcProvider} provider
 * @param {Record<string, unknown>} header
 * @param {string} signedPart
 * @param {Buffer} signature
 */
function signatureVerifies(provider, header, signedPart, signature) {
  const keys = provider.keys.filter((key) => header.kid === undefined || /** @type {{ kid?: string }} */ (key).kid === header.kid);
  return keys.some((jwk) => verify('RSA-SHA256', Buffer.from(signedPart), createPublicKey({ key: jwk, format: 'jwk' }), signature));
}

/**
 * The claim a condition key of the provider names: `token.actions.githubusercontent.com:sub` → sub.
 * @param {OidcProvider} provider
 * @param {string} key
 * @param {Record<string, unknown>} claims
 * @param {string} audience the audience that matched the provider, the value IAM compares `:aud` with
 */
function claimFor(provider, key, claims, audience) {
  const prefix = `${provider.url.replace(/^https:\/\//, '')}:`;
  if (!key.startsWith(prefix)) return undefined;
  const name = key.slice(prefix.length);
  if (name === 'aud') return audience;
  const value = claims[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * IAM's StringLike: `*` any run of characters, `?` one character, case-sensitive.
 * @param {string} pattern
 * @param {string} value
 */
export function stringLike(pattern, value) {
  const source = [...pattern]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's').test(value);
}

/**
 * @param {FederatedStatement} statement
 * @param {OidcProvider} provider
 * @param {Record<string, unknown>} claims
 * @param {string} audience
 */
function admits(statement, provider, claims, audience) {
  if (statement.federated !== provider.arn) return false;
  /** @type {[ConditionBlock | undefined, (expected: string, actual: string) => boolean][]} */
  const operators = [
    [statement.condition?.StringEquals, (expected, actual) => expected === actual],
    [statement.condition?.StringLike, stringLike],
  ];
  return operators.every(([block, matches]) =>
    Object.entries(block ?? {}).every(([key, expected]) => {
      const actual = claimFor(provider, key, claims, audience);
      return actual !== undefined && [expected].flat().some((one) => matches(one, actual));
    }),
  );
}
