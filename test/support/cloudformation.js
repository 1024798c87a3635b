// @ts-check
/**
 * Reads a CloudFormation template the way the IAM-template tests need it: YAML with
 * CloudFormation's short forms (`!Ref`, `!Sub`, …) mapped to their long `Fn::` forms, then
 * *rendered* for one set of parameter values: conditions evaluated, `Fn::If` picks its branch,
 * `AWS::NoValue` disappears, and `Ref`, `Fn::GetAtt`, `Fn::Sub` and `Fn::Join` become plain strings
 * (`<LogicalId>` / `<LogicalId.Attr>` for values only known at deploy time). `policies()` then
 * lists every IAM policy as IAM will evaluate it. Intrinsic functions it does not know are an error.
 */
import { parse } from 'yaml';

/** @type {Record<string, string>} */
const SHORT_FORMS = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Join': 'Fn::Join',
  '!Split': 'Fn::Split',
  '!Select': 'Fn::Select',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
};

/** @type {import('yaml').Tags} */
const CFN_TAGS = Object.entries(SHORT_FORMS).flatMap(([tag, fn]) => [
  // `!GetAtt A.B` is the scalar form of `Fn::GetAtt: [A, B]`.
  { tag, resolve: (/** @type {string} */ s) => ({ [fn]: fn === 'Fn::GetAtt' ? s.split('.') : s }) },
  { tag, collection: /** @type {const} */ ('seq'), resolve: (/** @type {{ toJSON(): unknown }} */ seq) => ({ [fn]: seq.toJSON() }) },
  { tag, collection: /** @type {const} */ ('map'), resolve: (/** @type {{ toJSON(): unknown }} */ map) => ({ [fn]: map.toJSON() }) },
]);

const NO_VALUE = Symbol('AWS::NoValue');

/**
 * @typedef {Record<string, unknown>} Obj
 * @typedef {Record<string, string | string[]>} Params
 *
 * @typedef {object} Statement
 * @property {string} [Sid]
 * @property {'Allow' | 'Deny'} Effect
 * @property {unknown} [Principal]
 * @property {string | string[]} [Action]
 * @property {unknown} [NotAction]
 * @property {string | string[]} [Resource]
 * @property {unknown} [NotResource]
 * @property {Obj} [Condition]
 *
 * @typedef {object} Policy
 * @property {string} where e.g. `DeployRole.Policies[sam-deploy]`
 * @property {string[]} attachedTo logical ids of the users/roles (or the bucket) it is attached to
 * @property {Statement[]} statements
 *
 * @typedef {object} PseudoParameters
 * @property {string} account
 * @property {string} region
 * @property {string} [stackName]
 */

/**
 * @param {unknown} v
 * @returns {v is Obj}
 */
export const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * @param {unknown} v
 * @param {string} what
 * @returns {Obj}
 */
export function obj(v, what) {
  if (!isObj(v)) throw new Error(`${what} is not a mapping: ${JSON.stringify(v)}`);
  return v;
}

/**
 * @template T
 * @param {T | T[] | undefined} v
 * @returns {T[]}
 */
export const list = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A parsed template: its sections, and its resources by logical id. */
export class CloudFormationTemplate {
  /** @param {string} text the template's YAML */
  constructor(text) {
    this.template = obj(parse(text, { customTags: CFN_TAGS }), 'template');
    this.resources = obj(this.template.Resources, 'Resources');
    this.parameters = obj(this.template.Parameters ?? {}, 'Parameters');
    this.outputs = obj(this.template.Outputs ?? {}, 'Outputs');
    this.conditions = obj(this.template.Conditions ?? {}, 'Conditions');
  }

  /**
   * @param {string} id
   * @returns {{ Type: string, Properties: Obj }}
   */
  resource(id) {
    const r = obj(this.resources[id], `resource ${id}`);
    return { Type: String(r.Type), Properties: obj(r.Properties ?? {}, `${id}.Properties`) };
  }

  /** @returns {Params} every parameter's default (CommaDelimitedList defaults split) */
  defaults() {
    /** @type {Params} */
    const p = {};
    for (const [name, def] of Object.entries(this.parameters)) {
      const d = obj(def, name);
      if (d.Default === undefined) continue;
      p[name] = d.Type === 'CommaDelimitedList' ? String(d.Default).split(',') : String(d.Default);
    }
    return p;
  }
}

/** The template rendered for one set of parameter values (the defaults, overridden). */
export class TemplateRenderer {
  /**
   * @param {CloudFormationTemplate} cfn
   * @param {Params} [overrides]
   * @param {PseudoParameters} [pseudo]
   */
  constructor(cfn, overrides = {}, { account, region, stackName = 'deploy-access' } = { account: '123456789012', region: 'eu-west-1' }) {
    this.cfn = cfn;
    /** @type {Params} */
    this.params = {
      ...cfn.defaults(),
      ...overrides,
      'AWS::Partition': 'aws',
      'AWS::AccountId': account,
      'AWS::Region': region,
      'AWS::StackName': stackName,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    /** @type {Record<string, boolean>} */
    this.conditions = {};
    for (const [name, expr] of Object.entries(cfn.conditions)) this.conditions[name] = this.condition(expr);
  }

  /**
   * @param {unknown} expr
   * @returns {boolean}
   */
  condition(expr) {
    const e = obj(expr, 'condition');
    const [fn, arg] = Object.entries(e)[0] ?? [];
    const args = Array.isArray(arg) ? arg : [arg];
    switch (fn) {
      case 'Fn::Equals':
        return JSON.stringify(this.render(args[0])) === JSON.stringify(this.render(args[1]));
      case 'Fn::Not':
        return !this.condition(args[0]);
      case 'Fn::And':
        return args.every((a) => this.condition(a));
      case 'Fn::Or':
        return args.some((a) => this.condition(a));
      case 'Condition':
        return this.isTrue(String(arg));
      default:
        throw new Error(`unsupported condition function ${String(fn)}`);
    }
  }

  /**
   * A resource with a `Condition` exists only when that condition holds.
   * @param {string} id
   */
  creates(id) {
    const condition = obj(this.cfn.resources[id], id).Condition;
    return condition === undefined || this.isTrue(String(condition));
  }

  /** @param {string} name */
  isTrue(name) {
    const v = this.conditions[name];
    if (v === undefined) throw new Error(`unknown condition ${name}`);
    return v;
  }

  /**
   * @param {string} name
   * @returns {unknown}
   */
  ref(name) {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name in this.params) return this.params[name];
    if (name in this.cfn.resources) return `<${name}>`;
    throw new Error(`Ref to unknown name ${name}`);
  }

  /**
   * @param {string} template
   * @param {Obj} vars
   * @returns {string}
   */
  sub(template, vars) {
    return template.replace(/\$\{(!?)([^}]+)\}/g, (_m, /** @type {string} */ bang, /** @type {string} */ name) => {
      if (bang) return `\${${name}}`; // ${!Literal} is how !Sub writes a literal ${Literal}
      if (name in vars) return String(this.render(vars[name]));
      if (name.includes('.') && !name.startsWith('AWS::')) return `<${name}>`;
      const v = this.ref(name);
      if (typeof v !== 'string') throw new Error(`\${${name}} in !Sub is not a string`);
      return v;
    });
  }

  /**
   * Evaluates intrinsic functions; values only known at deploy time become `<...>` strings.
   * @param {unknown} node
   * @returns {unknown}
   */
  render(node) {
    if (Array.isArray(node)) {
      return node.map((n) => this.render(n)).filter((n) => n !== NO_VALUE);
    }
    if (!isObj(node)) return node;
    const keys = Object.keys(node);
    if (keys.length === 1) {
      const k = /** @type {string} */ (keys[0]);
      const v = node[k];
      switch (k) {
        case 'Ref':
          return this.ref(String(v));
        case 'Fn::GetAtt': {
          const parts = Array.isArray(v) ? v.map(String) : String(v).split('.');
          return `<${parts.join('.')}>`;
        }
        case 'Fn::Sub':
          return Array.isArray(v) ? this.sub(String(v[0]), obj(v[1], 'Fn::Sub variables')) : this.sub(String(v), {});
        case 'Fn::If': {
          const [cond, whenTrue, whenFalse] = /** @type {[string, unknown, unknown]} */ (v);
          return this.render(this.isTrue(cond) ? whenTrue : whenFalse);
        }
        case 'Fn::Join': {
          const [sep, items] = /** @type {[string, unknown[]]} */ (v);
          return /** @type {unknown[]} */ (this.render(items)).map(String).join(sep);
        }
        default:
          if (k.startsWith('Fn::')) throw new Error(`the test renderer does not know ${k} yet`);
      }
    }
    /** @type {Obj} */
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      const r = this.render(v);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  /**
   * The users and roles that attach each of the template's own managed policies through their
   * `ManagedPolicyArns` (`<LogicalId>` after rendering).
   * @returns {Map<string, string[]>}
   */
  managedPolicyHolders() {
    /** @type {Map<string, string[]>} */
    const holders = new Map();
    for (const id of Object.keys(this.cfn.resources)) {
      if (!this.creates(id)) continue;
      const p = obj(this.render(this.cfn.resource(id).Properties), `${id}.Properties`);
      for (const arn of list(/** @type {unknown} */ (p.ManagedPolicyArns))) {
        const target = refTarget(arn);
        if (target in this.cfn.resources) holders.set(target, [...(holders.get(target) ?? []), id]);
      }
    }
    return holders;
  }

  /**
   * The permissions boundary of each user and role that has one: the logical id of the template's
   * managed policy (or the ARN given).
   * @returns {Record<string, string>}
   */
  boundaries() {
    /** @type {Record<string, string>} */
    const out = {};
    for (const id of Object.keys(this.cfn.resources)) {
      if (!this.creates(id)) continue;
      const { Type, Properties } = this.cfn.resource(id);
      if (Type !== 'AWS::IAM::Role' && Type !== 'AWS::IAM::User') continue;
      const boundary = obj(this.render(Properties), `${id}.Properties`).PermissionsBoundary;
      if (boundary !== undefined) out[id] = refTarget(boundary);
    }
    return out;
  }

  /**
   * Every identity policy (inline, UserPolicy/RolePolicy/Policy/ManagedPolicy, the latter attached
   * through the policy's Users/Roles/Groups or an identity's ManagedPolicyArns), every role's trust
   * policy and every bucket policy, rendered.
   * @returns {{ identity: Policy[], trust: Policy[], bucket: Policy[] }}
   */
  policies() {
    /** @type {Policy[]} */
    const identity = [];
    /** @type {Policy[]} */
    const trust = [];
    /** @type {Policy[]} */
    const bucket = [];
    const holders = this.managedPolicyHolders();
    for (const id of Object.keys(this.cfn.resources)) {
      if (!this.creates(id)) continue;
      const { Type, Properties } = this.cfn.resource(id);
      const p = obj(this.render(Properties), `${id}.Properties`);
      switch (Type) {
        case 'AWS::IAM::User':
        case 'AWS::IAM::Role':
        case 'AWS::IAM::Group':
          for (const inline of list(/** @type {Obj[] | undefined} */ (p.Policies))) {
            identity.push({ where: `${id}.Policies[${String(inline.PolicyName)}]`, attachedTo: [id], statements: statementsOf(inline.PolicyDocument) });
          }
          if (Type === 'AWS::IAM::Role') {
            trust.push({ where: `${id}.AssumeRolePolicyDocument`, attachedTo: [id], statements: statementsOf(p.AssumeRolePolicyDocument) });
          }
          break;
        case 'AWS::IAM::UserPolicy':
          identity.push({ where: id, attachedTo: [refTarget(p.UserName)], statements: statementsOf(p.PolicyDocument) });
          break;
        case 'AWS::IAM::RolePolicy':
          identity.push({ where: id, attachedTo: [refTarget(p.RoleName)], statements: statementsOf(p.PolicyDocument) });
          break;
        case 'AWS::IAM::Policy':
        case 'AWS::IAM::ManagedPolicy':
          identity.push({
            where: id,
            attachedTo: [...[...list(p.Users), ...list(p.Roles), ...list(p.Groups)].map(refTarget), ...(holders.get(id) ?? [])],
            statements: statementsOf(p.PolicyDocument),
          });
          break;
        case 'AWS::S3::BucketPolicy':
          bucket.push({ where: id, attachedTo: [refTarget(p.Bucket)], statements: statementsOf(p.PolicyDocument) });
          break;
        default:
          break;
      }
    }
    return { identity, trust, bucket };
  }
}

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

/** @param {Statement} s */
export const allows = (s) => s.Effect === 'Allow';
/** @param {Statement} s */
export const actionsOf = (s) => list(s.Action).map(String);
/** @param {Statement} s */
export const resourcesOf = (s) => list(s.Resource).map(String);

/**
 * Does an IAM action pattern (with `*` / `?`) match this action? Case-insensitive, as in IAM.
 * @param {string} pattern
 * @param {string} action
 */
export function actionMatches(pattern, action) {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(action);
}

/**
 * Does an IAM resource pattern (with `*` / `?`) match this ARN? Case-sensitive, as in IAM.
 * @param {string} pattern
 * @param {string} arn
 */
export function resourceMatches(pattern, arn) {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(arn);
}
