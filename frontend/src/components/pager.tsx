/** Where a list stands: its first row's offset, how many rows a page holds, how many there are. */
export interface PageWindow {
  readonly offset: number;
  readonly limit: number;
  readonly total: number;
}

/** The offset of the page that still holds rows once `total` has shrunk (a row was removed). */
export function clampedOffset({ offset, limit, total }: PageWindow): number {
  if (offset < total) return offset;
  return Math.max(0, Math.ceil(total / limit) - 1) * limit;
}

/**
 * "Rows 21–40 of 137" with the previous and next pages, for a list the server pages. Both buttons
 * stay in the tab order and say when they cannot go further, so a keyboard user is not lost.
 */
export function Pager({
  label,
  window,
  shown,
  onMove,
}: {
  readonly label: string;
  readonly window: PageWindow;
  readonly shown: number;
  readonly onMove: (offset: number) => void;
}) {
  const { offset, limit, total } = window;
  if (total <= limit && offset === 0) return null;
  const first = shown === 0 ? 0 : offset + 1;
  const last = offset + shown;
  return (
    <nav class="pager" aria-label={`Pages of ${label}`}>
      <button
        type="button"
        class="secondary"
        aria-disabled={offset === 0}
        onClick={() => offset > 0 && onMove(Math.max(0, offset - limit))}
      >
        Previous
      </button>
      <p aria-live="polite">
        {first}–{last} of {total}
      </p>
      <button
        type="button"
        class="secondary"
        aria-disabled={last >= total}
        onClick={() => last < total && onMove(offset + limit)}
      >
        Next
      </button>
    </nav>
  );
}
