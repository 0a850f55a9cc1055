export type SourceEncoding = 'utf-8' | 'windows-1252' | 'mixed';

// Stryker disable next-line StringLiteral: the import fails; Stryker 9.6.1's runner calls that survived
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Windows-1252's printable characters at 0x80-0x9F (smart quotes, dashes, "…"). Node 20's
 * TextDecoder('windows-1252') decodes that range as Latin-1 C1 controls, so the table is ours;
 * the five bytes Windows-1252 leaves undefined keep their Latin-1 meaning, as WHATWG says.
 */
const HIGH_CONTROL_RANGE =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += byte >= 0x80 && byte <= 0x9f ? HIGH_CONTROL_RANGE.charAt(byte - 0x80) : String.fromCharCode(byte);
  }
  return text;
}

function decodeLine(bytes: Uint8Array): { text: string; utf8: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), utf8: true };
  } catch {
    return { text: decodeWindows1252(bytes), utf8: false };
  }
}

const LINE_FEED = 0x0a;

/**
 * The data set is UTF-8, Windows-1252, or both within one file (UTF-8 lines with a few
 * Windows-1252 ones). A file that is valid UTF-8 is read as such (a BOM is dropped); otherwise each
 * line is read as UTF-8 when it is valid UTF-8 and as Windows-1252 when not. Splitting on 0x0A is
 * safe in both encodings. In Windows-1252 byte 0x85 is "…": the one such byte in the data sits
 * mid-sentence, an ellipsis, not a line break.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: SourceEncoding } {
  const whole = decodeLine(bytes);
  if (whole.utf8) return { text: whole.text, encoding: 'utf-8' };
  const lines: string[] = [];
  let multibyteUtf8 = false;
  let start = 0;
  while (start <= bytes.length) {
    const end = bytes.indexOf(LINE_FEED, start);
    const stop = end === -1 ? bytes.length : end;
    const raw = bytes.subarray(start, stop);
    const line = decodeLine(raw);
    multibyteUtf8 ||= line.utf8 && raw.some((byte) => byte >= 0x80);
    lines.push(line.text);
    start = stop + 1;
  }
  return { text: lines.join('\n'), encoding: multibyteUtf8 ? 'mixed' : 'windows-1252' };
}

/** Lines split on every line ending the files use or Unicode defines: CRLF, LF, CR, NEL, LS, PS. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|[\n\r\u0085\u2028\u2029]/);
}
