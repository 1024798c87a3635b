/** One error message for every invalid input, each on its own line. */
export function describeInputProblems(problems: readonly string[]): string {
  if (problems.length === 1) return `Invalid input ${problems[0]}`;
  return `${problems.length} inputs are invalid:\n${problems.map((problem) => `- ${problem}`).join('\n')}`;
}
