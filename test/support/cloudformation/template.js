// @ts-check
/**
 * A CloudFormation template read from YAML (short forms as their long `Fn::` forms): its
 * sections, its resources by logical id, its parameters' defaults. Unrendered: renderer.js
 * evaluates it for one set of parameter values.
 */
import { parse } from 'yaml';
import { obj } from './nodes.js';
import { CFN_TAGS } from './short-forms.js';

/** @typedef {import('./nodes.js').Obj} Obj */
/** @typedef {import('./nodes.js').Params} Params */

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
