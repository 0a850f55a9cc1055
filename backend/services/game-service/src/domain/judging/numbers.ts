/**
 * How a run of digits, points and commas reads as one number. The rules, chosen to be predictable:
 * - Commas between groups of exactly three digits group thousands: "1,000" = "1000", "1,234.5" = "1234.5".
 * - Points group thousands only where they cannot be a decimal point: two or more of them ("1.000.000"),
 *   or before a decimal comma ("1.234,5"). A single point is a decimal point: "1.000" is one.
 * - Otherwise one point or one comma is the decimal mark: "3.14" = "3,14", "12,5" = "12.5", ".5" = "0.5".
 * - Zeros at the end of the decimals do not count: "3.0" = "3", "2.50" = "2.5". Zeros in front do:
 *   "007" is a name, not 7.
 * - Spaces never group digits: "1 000" is two numbers, as "2 3" is.
 * Anything else ("1.2.3", "25.12.2020") is not one number: the caller compares it as written.
 */
const FORMATS: readonly RegExp[] = [
  /^(?<integer>\d+)$/,
  /^(?<integer>\d{1,3}(?:,\d{3})+)(?:\.(?<decimals>\d+))?$/,
  /^(?<integer>\d{1,3}(?:\.\d{3}){2,})$/,
  /^(?<integer>\d{1,3}(?:\.\d{3})+),(?<decimals>\d+)$/,
  /^(?<integer>\d*)[.,](?<decimals>\d+)$/,
];
const GROUP_SEPARATORS = /[.,]/g;
const TRAILING_ZEROS = /0+$/;
const ONLY_ZEROS = /^0*$/;

/** The number as one canonical string ("-1234.5"), or null when the run is not one number. */
export function canonicalNumber(run: string, negative: boolean): string | null {
  for (const format of FORMATS) {
    const parts = format.exec(run)?.groups;
    if (parts === undefined) continue;
    const integer = (parts.integer ?? '').replace(GROUP_SEPARATORS, '') || '0';
    const decimals = (parts.decimals ?? '').replace(TRAILING_ZEROS, '');
    const magnitude = decimals === '' ? integer : `${integer}.${decimals}`;
    const isZero = ONLY_ZEROS.test(integer) && decimals === '';
    return negative && !isZero ? `-${magnitude}` : magnitude;
  }
  return null;
}
