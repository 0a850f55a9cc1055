/** A line of progress on stdout, told apart from the report that follows it. */
export function log(line: string): void {
  console.log(`[load] ${line}`);
}
