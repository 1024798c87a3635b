// @ts-check
/**
 * A template *rendered* for one set of parameter values: conditions evaluated, `Fn::If` picks its
 * branch, `AWS::NoValue` disappears, and `Ref`, `Fn::GetAtt`, `Fn::Sub` and `Fn::Join` become plain
 * strings (`<LogicalId>` / `<LogicalId.Attr>` for values only known at deploy time). Intrinsic
 * functions it does not know are an error. Its IAM policies, as IAM will evaluate them: policies.js.
 */
import { isObj, obj } from './nodes.js';
import { boundariesOf, managedPolicyHoldersOf, policiesOf } from './policies.js';

/**
 * @typedef {import('./nodes.js').Obj} Obj
 * @typedef {import('./nodes.js').Params} Params
 * @typedef {import('./template.js').CloudFormationTemplate} CloudFormationTemplate
 * @typedef {import('./policies.js').Policy} Policy
 *
 * @typedef {object} PseudoParameters
 * @property {string} account
 * @property {string} region
 * @property {string} [stackName]
 */

const NO_VALUE = Symbol('AWS::NoValue');

/** @type {PseudoParameters} */
const TEST_ACCOUNT = { account: '123456789012', region: 'eu-west-1' };

/** The template rendered for one set of parameter values (the defaults, overridden). */
export class TemplateRenderer {
  /**
   * @param {CloudFormationTemplate} cfn
   * @param {Params} [overrides]
   * @param {PseudoParameters} [pseudo]
   */
  constructor(cfn, overrides = {}, { account, region, stackName = 'deploy-access' } = TEST_ACCOUNT) {
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

  /** @returns {Map<string, string[]>} the identities attaching each of the template's managed policies */
  managedPolicyHolders() {
    return managedPolicyHoldersOf(this);
  }

  /** @returns {Record<string, string>} each user's and role's permissions boundary */
  boundaries() {
    return boundariesOf(this);
  }

  /** @returns {{ identity: Policy[], trust: Policy[], bucket: Policy[] }} every IAM policy, rendered */
  policies() {
    return policiesOf(this);
  }
}
