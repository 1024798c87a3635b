// @ts-check
/**
 * Reading a query-protocol request: its body, its parameters (query string, then a form body),
 * the protocol's member lists, and single headers.
 */
import { URLSearchParams } from 'node:url';

/** @param {import('node:http').IncomingMessage} req */
export async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {string} target
 * @param {Buffer} body
 */
export function requestParameters(req, target, body) {
  const queryStart = target.indexOf('?');
  const params = new Map(new URLSearchParams(queryStart < 0 ? '' : target.slice(queryStart + 1)));
  if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.set(name, value);
  }
  return params;
}

/**
 * The query protocol's lists: `Prefix.member.N.Field=value` (or `Prefix.member.N=value`, read with
 * field ''), in index order.
 * @param {Map<string, string>} params
 * @param {string} prefix
 */
export function memberList(params, prefix) {
  /** @type {Map<number, Map<string, string>>} */
  const members = new Map();
  const pattern = new RegExp(`^${prefix}\\.member\\.(\\d+)(?:\\.(.+))?$`);
  for (const [name, value] of params) {
    const match = pattern.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    const fields = members.get(index) ?? new Map();
    fields.set(match[2] ?? '', value);
    members.set(index, fields);
  }
  return [...members.entries()].sort(([a], [b]) => a - b).map(([, fields]) => fields);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {string} name lower-case
 */
export function singleHeader(req, name) {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
