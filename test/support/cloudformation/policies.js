// @ts-check
/**
 * A rendered template's IAM policies as IAM will evaluate them, each with where it is written and
 * whom it is attached to, and the permissions boundary of each user and role.
 */
import { list, obj } from './nodes.js';

/**
 * @typedef {import('./nodes.js').Obj} Obj
 * @typedef {import('./iam-statements.js').Statement} Statement
 * @typedef {import('./renderer.js').TemplateRenderer} TemplateRenderer
 *
 * @typedef {object} Policy
 * @property {string} where e.g. `DeployRole.Policies[sam-deploy]`
 * @property {string[]} attachedTo logical ids of the users/roles (or the bucket) it is attached to
 * @property {Statement[]} statements
 */

/**
 * @param {unknown} doc
 * @returns {Statement[]}
 */
function statementsOf(doc) {
  return list(/** @type {Statement | Statement[] | undefined} */ (obj(doc, 'PolicyDocument').Statement));
}

/**
 * After rendering, a Ref to a resource is `<LogicalId>`.
 * @param {unknown} v
 */
function refTarget(v) {
  return String(v).replace(/^<(.*)>$/, '$1');
}

/**
 * Each resource the template creates, rendered.
 * @param {TemplateRenderer} r
 * @returns {{ id: string, Type: string, p: Obj }[]}
 */
function createdResources(r) {
  return Object.keys(r.cfn.resources)
    .filter((id) => r.creates(id))
    .map((id) => {
      const { Type, Properties } = r.cfn.resource(id);
      return { id, Type, p: obj(r.render(Properties), `${id}.Properties`) };
    });
}

/**
 * The users and roles that attach each of the template's own managed policies through their
 * `ManagedPolicyArns` (`<LogicalId>` after rendering).
 * @param {TemplateRenderer} r
 * @returns {Map<string, string[]>}
 */
export function managedPolicyHoldersOf(r) {
  /** @type {Map<string, string[]>} */
  const holders = new Map();
  for (const { id, p } of createdResources(r)) {
    for (const arn of list(/** @type {unknown} */ (p.ManagedPolicyArns))) {
      const target = refTarget(arn);
      if (target in r.cfn.resources) holders.set(target, [...(holders.get(target) ?? []), id]);
    }
  }
  return holders;
}

/**
 * The permissions boundary of each user and role that has one: the logical id of the template's
 * managed policy (or the ARN given).
 * @param {TemplateRenderer} r
 * @returns {Record<string, string>}
 */
export function boundariesOf(r) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const id of Object.keys(r.cfn.resources)) {
    if (!r.creates(id)) continue;
    const { Type, Properties } = r.cfn.resource(id);
    if (Type !== 'AWS::IAM::Role' && Type !== 'AWS::IAM::User') continue;
    const boundary = obj(r.render(Properties), `${id}.Properties`).PermissionsBoundary;
    if (boundary !== undefined) out[id] = refTarget(boundary);
  }
  return out;
}

/**
 * Every identity policy (inline, UserPolicy/RolePolicy/Policy/ManagedPolicy, the latter attached
 * through the policy's Users/Roles/Groups or an identity's ManagedPolicyArns), every role's trust
 * policy and every bucket policy, rendered.
 * @param {TemplateRenderer} r
 * @returns {{ identity: Policy[], trust: Policy[], bucket: Policy[] }}
 */
export function policiesOf(r) {
  /** @type {Policy[]} */
  const identity = [];
  /** @type {Policy[]} */
  const trust = [];
  /** @type {Policy[]} */
  const bucket = [];
  const holders = managedPolicyHoldersOf(r);
  for (const { id, Type, p } of createdResources(r)) {
    switch (Type) {
      case 'AWS::IAM::User':
      case 'AWS::IAM::Role':
      case 'AWS::IAM::Group':
        for (const inline of list(/** @type {Obj[] | undefined} */ (p.Policies))) {
          const where = `${id}.Policies[${String(inline.PolicyName)}]`;
          identity.push({ where, attachedTo: [id], statements: statementsOf(inline.PolicyDocument) });
        }
        if (Type === 'AWS::IAM::Role') {
          const where = `${id}.AssumeRolePolicyDocument`;
          trust.push({ where, attachedTo: [id], statements: statementsOf(p.AssumeRolePolicyDocument) });
        }
        break;
      case 'AWS::IAM::UserPolicy':
        identity.push({ where: id, attachedTo: [refTarget(p.UserName)], statements: statementsOf(p.PolicyDocument) });
        break;
      case 'AWS::IAM::RolePolicy':
        identity.push({ where: id, attachedTo: [refTarget(p.RoleName)], statements: statementsOf(p.PolicyDocument) });
        break;
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy': {
        const attachments = [...list(p.Users), ...list(p.Roles), ...list(p.Groups)].map(refTarget);
        identity.push({ where: id, attachedTo: [...attachments, ...(holders.get(id) ?? [])], statements: statementsOf(p.PolicyDocument) });
        break;
      }
      case 'AWS::S3::BucketPolicy':
        bucket.push({ where: id, attachedTo: [refTarget(p.Bucket)], statements: statementsOf(p.PolicyDocument) });
        break;
      default:
        break;
    }
  }
  return { identity, trust, bucket };
}
