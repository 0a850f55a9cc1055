export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressLine {
  update(text: string): void;
  /** Ends the progress display before the summary is printed. */
  finish(): void;
}

export const NO_PROGRESS: ProgressLine = { update: () => undefined, finish: () => undefined };

/** On a terminal one line rewritten in place; anywhere else (a log, a pipe) one plain line per step. */
export function progressLine(output: Output): ProgressLine {
  if (!output.isTTY) return { update: (text) => output.write(`${text}\n`), finish: () => undefined };
  let shown = false;
  return {
    update(text) {
      output.write(`\r\u001b[2K${text}`);
      shown = true;
    },
    finish() {
      if (shown) output.write('\n');
      shown = false;
    },
  };
}
