// Start-up time: ncc (webpack) puts every module that a lazily loaded chunk shares with the entry,
// the AWS SDK among them, in a factory function of the entry's module table, `{8701:(e,t,n)=>{…}}`.
// V8 pre-parses such a function with the file and parses it again in full when it is first called,
// which every run does: the 145 kB SDK factory of dist/main was read twice (the root action's
// happy path spent about 10% more CPU than v1.0.0, whose bundle had no chunk and so no factory).
// A function in parentheses is compiled at once (V8's PIFE heuristic), so each factory of the
// entry's table is wrapped in them. The chunks' factories stay lazy: most runs never load them.
import vm from 'node:vm';

/** `(()=>{"use strict";var e={`: the module table opens (after the shebang of the command line, if any). */
const TABLE_START = /^(?:#![^\n]*\n)?\(\(\)=>\{(?:"use strict";)?var [\w$]+=\{/;
/** `};var t={};function __nccwpck_require__(`: it closes where the module cache begins. */
const TABLE_END = /\};var [\w$]+=\{\};function __nccwpck_require__\(/;
/** `,8701:(e,t,n)=>`, `{9023:e=>` or `,9659:function(s,n,m){`: where a factory of the table begins. */
const FACTORY = /[{,](\d+):(?:\([\w$,]*\)=>|[\w$]+=>|function\([\w$,]*\)\{)/g;

/**
 * The bundle with each factory of its module table in parentheses; throws when the bundle is not
 * ncc's minified CommonJS output as expected, or the result does not parse.
 */
export function eagerFactories(code, name) {
  const opening = TABLE_START.exec(code);
  const end = code.search(TABLE_END);
  if (!opening || end < 0)
    throw new Error(`${name}: not the module table ncc writes (${TABLE_START} … ${TABLE_END}); see scripts/eager-factories.mjs`);
  const start = opening[0].length - 1;
  FACTORY.lastIndex = start;
  const factories = [];
  for (let match = FACTORY.exec(code); match && match.index < end; match = FACTORY.exec(code)) {
    factories.push({ key: match.index, body: match.index + 1 + match[1].length + 1 });
  }
  let out = code.slice(0, start);
  let at = start;
  factories.forEach(({ body }, i) => {
    const bodyEnd = i + 1 < factories.length ? factories[i + 1].key : end;
    out += `${code.slice(at, body)}(${code.slice(body, bodyEnd)})`;
    at = bodyEnd;
  });
  out += code.slice(at);
  new vm.Script(out, { filename: name });
  return out;
}
