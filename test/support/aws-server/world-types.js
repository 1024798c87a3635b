// @ts-check
/** The records the test server's world holds (world.js), as JSDoc types for its service modules. */

/**
 * @typedef {object} User
 * @property {string} account
 * @property {string} name
 * @property {string} arn
 * @property {string} userId
 * @property {string[]} canAssume role ARNs (or '*') the user's identity policy allows to assume
 * @property {boolean} selfIamRead
 * @property {boolean} keyAdmin may manage the keys and tags of its account's users (the rotator)
 *
 * @typedef {object} LastUse
 * @property {Date} date
 * @property {string} service
 * @property {string} region
 *
 * @typedef {object} AccessKey
 * @property {string} accessKeyId
 * @property {string} secretAccessKey
 * @property {'Active' | 'Inactive'} status
 * @property {Date} createDate
 * @property {LastUse | undefined} lastUsed
 * @property {User} user
 * @property {Date} [acceptedFrom] a key CreateAccessKey made is rejected by STS until then
 *
 * @typedef {object} Role
 * @property {string} account
 * @property {string} name
 * @property {string} arn
 * @property {string} roleId
 * @property {string[]} trustedPrincipals
 * @property {string[]} trustActions
 * @property {string[]} canAssume role ARNs (or '*') the role's identity policy allows its sessions to assume (role chaining across accounts)
 * @property {number} maxSessionDuration
 * @property {import('./web-identity.js').FederatedStatement[]} federatedTrust statements for AssumeRoleWithWebIdentity
 * @property {boolean} keyAdmin its sessions may manage the keys and tags of its account's users (a rotator role holding RotatorPolicy)
 * @property {string[]} readsKeysOf users of its account whose key metadata its sessions may read (the key-age watcher role)
 *
 * What one session STS issued, without its secrets (see `sessionCredentials`).
 * @typedef {object} SessionRecord
 * @property {string} accessKeyId
 * @property {string} callerArn
 * @property {string} roleArn
 * @property {string} assumedRoleArn
 * @property {string} assumedRoleId
 * @property {string} roleSessionName
 * @property {string} region the region the AssumeRole call was signed for ('' for the unsigned web-identity call)
 * @property {number} durationSeconds
 * @property {Date} expiration
 * @property {string | undefined} sourceIdentity
 * @property {{ key: string, value: string }[]} tags
 * @property {string | undefined} policy
 * @property {string[]} policyArns
 * @property {{ provider: string, audience: string, subject: string } | undefined} [webIdentity] for AssumeRoleWithWebIdentity
 *
 * @typedef {object} IssuedSession
 * @property {SessionRecord} record
 * @property {Role} role
 * @property {string} secretAccessKey
 * @property {string} sessionToken
 * @property {Date} issuedAt
 *
 * @typedef {{ kind: 'user', arn: string, account: string, user: User }
 *   | { kind: 'session', arn: string, account: string, session: IssuedSession }} Caller
 *
 */
export {};
