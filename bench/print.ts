/** Writes one line of a benchmark's report to standard output. */
export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Writes a warning or a failure (an Error's stack) to standard error, out of the report. */
export function printError(problem: unknown): void {
  process.stderr.write(
    `${
      problem instanceof Error ? problem.stack ?? problem.message : problem
    }\n`,
  );
}
