/**
 * Every workflow (.github/workflows/, examples/) and the action metadata files (action.yml,
 * key-age/action.yml, rotate/action.yml) are checked against the GitHub Actions JSON schemas, and against our own
 * rules: workflows set `permissions:` at the top level and never use `pull_request_target`;
 * our actions run on node24.
 *
 * The validator is @action-validator/core (npm; Rust compiled to WebAssembly), which bundles
 * the SchemaStore `github-workflow` and `github-action` schemas.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = process.cwd();
const require = createRequire(join(ROOT, 'package.json'));

interface ValidationState {
  actionType: 'action' | 'workflow';
  errors: { code: string; path?: string; title: string; detail?: string }[];
}
interface Validator {
  validateAction(src: string): ValidationState;
  validateWorkflow(src: string): ValidationState;
}

/**
 * node24: the schema bundled in @action-validator/core 0.6.0 allows `runs.using` to be only
 * node12, node16 or node20. GitHub runs JavaScript actions on node24 (its default since June
 * 2026), and our actions must stay on it: we never downgrade the runtime to please a stale
 * schema. Instead we EXTEND the schema, in memory, for this test run only: the schema is a JSON
 * text inside the WebAssembly binary, so we replace the `using` property's schema with
 * `{"enum": ["node12", "node16", "node20", "node24"]}` padded with JSON whitespace to the same
 * byte length (so every offset and length in the binary stays valid), and load the validator's
 * own JavaScript glue with those patched bytes. Nothing on disk is changed. Everything else in
 * the schema is untouched. When a future release knows node24, no patch is applied.
 */
function loadValidator(): { validator: Validator; patchedForNode24: boolean; patchedForAttestations: boolean } {
  const gluePath = require.resolve('@action-validator/core');
  const wasmPath = join(dirname(gluePath), 'action_validator_bg.wasm');
  const original = readFileSync(wasmPath);
  let bytes: Buffer = original;
  let patchedForNode24 = false;
  if (!original.includes('"node24"')) {
    const text = original.toString('latin1'); // one char per byte, so offsets are byte offsets
    const ENUM = '"enum": ["node12", "node16", "node20"]';
    const enumAt = text.indexOf(ENUM);
    const start = text.lastIndexOf('"using": {', enumAt);
    const end = text.indexOf('}', enumAt) + 1;
    const gap = text.slice(start, end);
    // Exactly one such enum, inside the `using` object of the JavaScript-action branch, and
    // nothing but $comment/description/enum between the braces.
    if (
      enumAt < 0 ||
      text.indexOf(ENUM, enumAt + 1) >= 0 ||
      start < 0 ||
      enumAt - start > 400 ||
      gap.indexOf('{', 10) >= 0 ||
      !/^"using": \{\s*("\$comment": "[^"]*",\s*)?("description": "[^"]*",\s*)?"enum": \[[^\]]*\]\s*\}$/.test(gap)
    ) {
      throw new Error('@action-validator/core: the runs.using schema is not where this test expects it; update the node24 patch');
    }
    const replacement = '"using": {"enum": ["node12", "node16", "node20", "node24"]}';
    if (replacement.length > gap.length) throw new Error('node24 patch does not fit');
    bytes = Buffer.from(text.slice(0, start) + replacement.padEnd(gap.length, ' ') + text.slice(end), 'latin1');
    if (bytes.length !== original.length) throw new Error('node24 patch changed the binary size');
    patchedForNode24 = true;
  }
  const permissions = withAttestationsPermission(bytes);
  bytes = permissions.bytes;
  // The glue is wasm-bindgen's CommonJS for Node; it reads the .wasm with fs.readFileSync.
  // Run it with a `require` whose fs hands it the (patched) bytes instead.
  const glue = readFileSync(gluePath, 'utf8');
  const mod: { exports: Record<string, unknown> } = { exports: {} };
  const fakeRequire = (id: string): unknown => {
    if (id === 'fs') return { readFileSync: (p: string) => (p === wasmPath ? bytes : readFileSync(p)) };
    return require(id);
  };
  new Function('module', 'exports', 'require', '__dirname', '__filename', glue)(mod, mod.exports, fakeRequire, dirname(gluePath), gluePath);
  return { validator: mod.exports as unknown as Validator, patchedForNode24, patchedForAttestations: permissions.patched };
}

/**
 * `attestations`: the same bundled schema predates the job permission that build provenance
 * needs (actions/attest-build-provenance writes with `attestations: write`), which the release
 * workflow sets. Extended the same way, in memory only: the `permissions-event` definition is
 * parsed, given `attestations` beside the permissions it has, and written back minified and padded
 * with JSON whitespace to its byte length. When a future release knows it, no patch is applied.
 */
function withAttestationsPermission(original: Buffer): { bytes: Buffer; patched: boolean } {
  const text = original.toString('latin1');
  const key = '"permissions-event": {';
  const at = text.indexOf(key);
  if (at < 0 || text.indexOf(key, at + 1) >= 0)
    throw new Error('@action-validator/core: no single permissions-event definition; update the attestations patch');
  const open = at + key.length - 1;
  const close = text.indexOf('}\n    },', open);
  const definition = JSON.parse(text.slice(open, close + 1 + '\n    }'.length)) as { properties: Record<string, unknown> };
  if ('attestations' in definition.properties) return { bytes: original, patched: false };
  const length = close + 1 + '\n    }'.length - open;
  definition.properties.attestations = { $ref: '#/definitions/permissions-level' };
  const replacement = JSON.stringify(definition);
  if (replacement.length > length) throw new Error('attestations patch does not fit');
  const bytes = Buffer.from(text.slice(0, open) + replacement.padEnd(length, ' ') + text.slice(open + length), 'latin1');
  if (bytes.length !== original.length) throw new Error('attestations patch changed the binary size');
  return { bytes, patched: true };
}

const { validator, patchedForNode24, patchedForAttestations } = loadValidator();
const stockValidator = require('@action-validator/core') as Validator;

// --- what to validate: whatever exists when the test runs --------------------------------------

const yamlIn = (dir: string) =>
  existsSync(resolve(ROOT, dir))
    ? readdirSync(resolve(ROOT, dir))
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(dir, f))
    : [];

const WORKFLOWS = [...yamlIn('.github/workflows'), ...yamlIn('examples')];
/** The actions' metadata files (and ci.yml's local check); a missing one fails the test below instead of being skipped. */
const ACTIONS = ['action.yml', 'key-age/action.yml', 'rotate/action.yml', '.github/actions/check-post-blanked/action.yml'];

const read = (f: string) => readFileSync(resolve(ROOT, f), 'utf8');
const errorsOf = (s: ValidationState) => s.errors.map((e) => `${'path' in e ? e.path : ''} ${e.title}${e.detail ? `: ${e.detail}` : ''}`);

/** The events a workflow's `on:` names, in any of its three shapes. */
function triggers(doc: Record<string, unknown>): string[] {
  // YAML 1.1 reads a bare `on` key as boolean true; the `yaml` package (YAML 1.2) does not, but
  // accept both so that the rule cannot be dodged.
  const on = doc.on ?? doc.true;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  if (on && typeof on === 'object') return Object.keys(on);
  return [];
}

// --- the validator itself ---------------------------------------------------------------------

const GOOD_WORKFLOW = `name: ok
on:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm test
`;

const action = (using: string) => `name: scratch
description: a scratch JavaScript action
runs:
  using: ${using}
  main: dist/main/index.js
  post: dist/post/index.js
`;

describe('the schema validator (not vacuous)', () => {
  test('accepts a well-formed workflow', () => {
    expect(errorsOf(validator.validateWorkflow(GOOD_WORKFLOW))).toEqual([]);
  });

  test('rejects a workflow with an unknown top-level key', () => {
    const broken = GOOD_WORKFLOW.replace('jobs:', 'permisions:\n  contents: read\njobs:');
    expect(errorsOf(validator.validateWorkflow(broken)).join('\n')).toMatch(/permisions/);
  });

  test('rejects a workflow whose on: is malformed', () => {
    expect(validator.validateWorkflow(GOOD_WORKFLOW.replace('  push:\n    branches: [main]', '  push: 42')).errors).not.toEqual([]);
    expect(validator.validateWorkflow(GOOD_WORKFLOW.replace(/on:\n {2}push:\n {4}branches: \[main\]/, 'on: pushh')).errors).not.toEqual([]);
  });

  test('rejects a workflow whose job has no runs-on and no steps', () => {
    expect(validator.validateWorkflow(GOOD_WORKFLOW.replace(/ {4}runs-on[\s\S]*$/, '    name: nothing\n')).errors).not.toEqual([]);
  });

  test('rejects an action with no runs: section, or an unknown runtime', () => {
    expect(validator.validateAction('name: x\ndescription: y\n').errors).not.toEqual([]);
    expect(validator.validateAction(action('node99')).errors).not.toEqual([]);
  });

  test('knows node24 (schema extended in memory when the bundled one predates it), and nothing else changed', () => {
    expect(errorsOf(validator.validateAction(action('node24')))).toEqual([]);
    expect(errorsOf(validator.validateAction(action('node20')))).toEqual([]);
    if (patchedForNode24) {
      // The stock schema is the reason for the patch: it rejects node24 ...
      expect(stockValidator.validateAction(action('node24')).errors).not.toEqual([]);
      // ... and on anything else the patched and stock validators agree.
      for (const src of [action('node20'), action('node99'), 'name: x\n']) {
        expect(validator.validateAction(src)).toEqual(stockValidator.validateAction(src));
      }
      expect(validator.validateWorkflow(GOOD_WORKFLOW)).toEqual(stockValidator.validateWorkflow(GOOD_WORKFLOW));
    }
  });

  test('knows the attestations permission (schema extended in memory when the bundled one predates it), and still refuses an unknown one', () => {
    const withPermission = (name: string) =>
      GOOD_WORKFLOW.replace('    runs-on: ubuntu-latest', `    permissions:\n      ${name}: write\n    runs-on: ubuntu-latest`);
    expect(errorsOf(validator.validateWorkflow(withPermission('attestations')))).toEqual([]);
    expect(errorsOf(validator.validateWorkflow(withPermission('id-token')))).toEqual([]);
    expect(validator.validateWorkflow(withPermission('attestation')).errors).not.toEqual([]);
    if (patchedForAttestations) expect(stockValidator.validateWorkflow(withPermission('attestations')).errors).not.toEqual([]);
  });
});

// --- the project's files ----------------------------------------------------------------------

describe('our own workflow rules (not vacuous)', () => {
  test('pull_request_target is found in every shape on: can take', () => {
    for (const on of ['pull_request_target', '[push, pull_request_target]', '\n  pull_request_target:\n    types: [opened]']) {
      expect(triggers(parse(`on: ${on}\njobs: {}\n`) as Record<string, unknown>)).toContain('pull_request_target');
    }
  });
});

describe('workflow files', () => {
  test('the example workflows are among the files checked', () => {
    expect(WORKFLOWS).toEqual(expect.arrayContaining(['examples/sam-deploy.yml', 'examples/key-age.yml', 'examples/rotate.yml']));
  });

  describe.each(WORKFLOWS)('%s', (file) => {
    const src = read(file);
    const doc = parse(src) as Record<string, unknown>;

    test('is valid against the GitHub workflow schema', () => {
      expect(errorsOf(validator.validateWorkflow(src))).toEqual([]);
    });

    test('sets permissions: explicitly at the top level (the GITHUB_TOKEN gets only what it names)', () => {
      expect(doc).toHaveProperty('permissions');
      expect(doc.permissions).not.toBe('write-all');
    });

    test('passes setup-sam a token (its SAM CLI release lookup is rate-limited without one)', () => {
      const jobs = Object.values((doc.jobs ?? {}) as Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>);
      const setupSam = jobs.flatMap((job) => job.steps ?? []).filter((step) => step.uses?.startsWith('aws-actions/setup-sam@'));
      expect(setupSam.filter((step) => step.with?.token !== '${{ github.token }}')).toEqual([]);
    });

    test('is never triggered by pull_request_target (it runs with secrets on fork code)', () => {
      expect(triggers(doc)).not.toEqual([]);
      expect(triggers(doc)).not.toContain('pull_request_target');
    });
  });
});

describe('action metadata files', () => {
  test('the root action is among the files checked', () => {
    expect(ACTIONS.some((f) => f.startsWith('action.'))).toBe(true);
  });

  // ci.yml's own check under .github/ is not published; every other action is listed on the Marketplace.
  test.each(ACTIONS.filter((f) => !f.startsWith('.github/')))(
    '%s has a description that fits the Marketplace listing (125 characters at most)',
    (file) => {
      const description = (parse(read(file)) as { description?: unknown }).description;
      expect(typeof description).toBe('string');
      expect(String(description).length).toBeLessThanOrEqual(125);
    },
  );

  // key-age/action.yml is validated as soon as it exists.
  describe.each(ACTIONS)('%s', (file) => {
    const src = read(file);

    test('is valid against the GitHub action schema (extended with node24)', () => {
      expect(errorsOf(validator.validateAction(src))).toEqual([]);
    });

    const runs = (parse(src) as { runs?: { using?: unknown; main?: unknown; pre?: unknown; post?: unknown } }).runs;

    test('runs on node24, never an older runtime', () => {
      expect(runs?.using).toBe('node24');
    });

    test('its main/pre/post entry points are bundled files that exist (run `npm run build` if not)', () => {
      const entries = [runs?.main, runs?.pre, runs?.post].filter((e) => e !== undefined).map(String);
      expect(entries.length).toBeGreaterThan(0);
      const missing = entries.filter((e) => !existsSync(resolve(ROOT, dirname(file), e)));
      expect(missing).toEqual([]);
    });
  });
});
