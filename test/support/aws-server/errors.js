// @ts-check
/**
 * AWS's errors as the server throws them: `AwsError` (HTTP status, code, message), the
 * `AccessDenied` sentence, and `ConstraintViolations`, which collects parameter problems into one
 * `ValidationError` as AWS does.
 */

export class AwsError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * @param {string} callerArn
 * @param {string} action
 * @param {string} resource
 * @param {string} [reason]
 */
export function accessDenied(callerArn, action, resource, reason = '') {
  return new AwsError(403, 'AccessDenied', `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}${reason}`);
}

/**
 * "2 validation errors detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: ...; ...".
 */
export class ConstraintViolations {
  /** @type {string[]} */
  #violations = [];

  /**
   * @param {string} member
   * @param {string | undefined} value
   * @param {number} min
   * @param {number} max
   * @param {{ required?: boolean, pattern?: RegExp }} [rules]
   */
  checkLength(member, value, min, max, { required = false, pattern } = {}) {
    if (value === undefined) {
      if (required) this.#add(member, value, 'not be null');
      return;
    }
    if (value.length < min) this.#add(member, value, `have length greater than or equal to ${min}`);
    if (value.length > max) this.#add(member, value, `have length less than or equal to ${max}`);
    if (pattern && !pattern.test(value)) this.#add(member, value, `satisfy regular expression pattern: ${pattern.source.slice(1, -1)}`);
  }

  /**
   * @param {string} member
   * @param {string | undefined} value
   * @param {number} min
   * @param {number} max
   */
  checkInteger(member, value, min, max) {
    if (value === undefined) return;
    if (!/^-?\d+$/.test(value)) return this.#add(member, value, 'be an integer');
    if (Number(value) < min) this.#add(member, value, `have value greater than or equal to ${min}`);
    if (Number(value) > max) this.#add(member, value, `have value less than or equal to ${max}`);
  }

  throwIfAny() {
    const count = this.#violations.length;
    if (count === 0) return;
    throw new AwsError(400, 'ValidationError', `${count} validation error${count > 1 ? 's' : ''} detected: ${this.#violations.join('; ')}`);
  }

  /**
   * @param {string} member
   * @param {string | undefined} value
   * @param {string} rule
   */
  #add(member, value, rule) {
    const shown = value === undefined ? 'null' : `'${value}'`;
    this.#violations.push(`Value ${shown} at '${member}' failed to satisfy constraint: Member must ${rule}`);
  }
}
