// @ts-check
/**
 * Reads a CloudFormation template the way the IAM-template tests need it (template.js: YAML with
 * the short forms as long `Fn::` forms), renders it for one set of parameter values (renderer.js),
 * lists its IAM policies as IAM will evaluate them (policies.js) and reads their statements with
 * IAM's wildcards (iam-statements.js). The modules live in cloudformation/; this is their entry.
 */
export { CloudFormationTemplate } from './cloudformation/template.js';
export { TemplateRenderer } from './cloudformation/renderer.js';
export { isObj, list, obj } from './cloudformation/nodes.js';
export { actionMatches, actionsOf, allows, resourceMatches, resourcesOf } from './cloudformation/iam-statements.js';

/**
 * @typedef {import('./cloudformation/nodes.js').Obj} Obj
 * @typedef {import('./cloudformation/nodes.js').Params} Params
 * @typedef {import('./cloudformation/iam-statements.js').Statement} Statement
 * @typedef {import('./cloudformation/policies.js').Policy} Policy
 * @typedef {import('./cloudformation/renderer.js').PseudoParameters} PseudoParameters
 */
