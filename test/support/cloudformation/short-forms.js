// @ts-check
/**
 * CloudFormation's YAML short forms (`!Ref`, `!Sub`, …) as `yaml` custom tags, each read as its
 * long form (`{ Ref: … }`, `{ 'Fn::Sub': … }`), in scalar, sequence and mapping form.
 */

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

/** @typedef {{ toJSON(): unknown }} YamlCollection */

/** @type {import('yaml').Tags} */
export const CFN_TAGS = Object.entries(SHORT_FORMS).flatMap(([tag, fn]) => [
  // `!GetAtt A.B` is the scalar form of `Fn::GetAtt: [A, B]`.
  { tag, resolve: (/** @type {string} */ s) => ({ [fn]: fn === 'Fn::GetAtt' ? s.split('.') : s }) },
  { tag, collection: /** @type {const} */ ('seq'), resolve: (/** @type {YamlCollection} */ seq) => ({ [fn]: seq.toJSON() }) },
  { tag, collection: /** @type {const} */ ('map'), resolve: (/** @type {YamlCollection} */ map) => ({ [fn]: map.toJSON() }) },
]);
