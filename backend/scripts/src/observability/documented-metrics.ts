import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `docs/OBSERVABILITY.md`, from src/observability or dist/observability alike. */
export const OBSERVABILITY_DOCUMENT = fileURLToPath(
  new URL('../../../../docs/OBSERVABILITY.md', import.meta.url),
);

const METRIC_NAME = /^[a-z_:][a-z0-9_:]*$/;

/** The backticked words of a piece of Markdown that can be metric names. */
function metricNamesIn(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)]
    .map((match) => match[1] ?? '')
    .filter((word) => METRIC_NAME.test(word));
}

/**
 * The metric families `## The metrics` of the document names. Its subsections name them in the first
 * column of a table (the other columns and the prose below hold labels and their values), or, in a
 * subsection without a table, in its prose.
 */
export function documentedMetricFamilies(document = readFileSync(OBSERVABILITY_DOCUMENT, 'utf8')): string[] {
  const section = document.split(/^## /m).find((part) => part.startsWith('The metrics')) ?? '';
  const names = section.split(/^### /m).flatMap((subsection) => {
    const lines = subsection.split('\n');
    const rows = lines.filter((line) => line.startsWith('|'));
    return rows.length > 0
      ? rows.flatMap((row) => metricNamesIn(row.split('|')[1] ?? ''))
      : metricNamesIn(subsection);
  });
  return [...new Set(names)];
}
