// @ts-check
/**
 * A Jest reporter (jest.config.js) that ends every run, `npm test` included, with the list of
 * tests skipped because a tool was missing (see testWithTool in optional-tool.js), grouped by
 * what is missing. Without such tests it prints nothing.
 */
import path from 'node:path';

/** Ends the name of a test skipped for a missing tool (testWithTool marks it); this reporter finds them by it. */
export const MISSING_TOOL_MARK = ' [SKIPPED, missing tool: ';

export default class MissingToolReporter {
  /**
   * @param {unknown} _globalConfig
   * @param {unknown} _options
   * @param {{ rootDir?: string }} [context]
   */
  constructor(_globalConfig, _options, context) {
    this.rootDir = context?.rootDir ?? process.cwd();
  }

  /**
   * @param {unknown} _contexts
   * @param {{ testResults: { testFilePath: string, testResults: { status: string, fullName: string }[] }[] }} results
   */
  onRunComplete(_contexts, results) {
    /** @type {Map<string, string[]>} */
    const byReason = new Map();
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        const at = t.fullName.indexOf(MISSING_TOOL_MARK);
        if (t.status !== 'pending' || at < 0) continue;
        const reason = t.fullName.slice(at + MISSING_TOOL_MARK.length).replace(/\]$/, '');
        const list = byReason.get(reason) ?? [];
        list.push(`${path.relative(this.rootDir, file.testFilePath)}: ${t.fullName.slice(0, at)}`);
        byReason.set(reason, list);
      }
    }
    if (byReason.size === 0) return;
    const lines = ['', '*** Tests SKIPPED because a tool is missing (not run, not passed): ***'];
    for (const [reason, tests] of byReason) {
      lines.push(`  ${tests.length} skipped: ${reason}`, ...tests.map((t) => `    - ${t}`));
    }
    process.stderr.write(`${lines.join('\n')}\n\n`);
  }
}
