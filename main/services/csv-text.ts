/** One CSV record with the physical line (1-based) it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A CSV whose quoting is broken: the rest of the file cannot be read. */
export class CsvTextError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
    this.name = 'CsvTextError';
  }
}

/**
 * Parses small CSV text held in memory (an uploaded enrolment file): RFC 4180 quoting, doubled
 * quotes, newlines inside quotes, CRLF or LF, a leading byte order mark dropped, blank lines
 * skipped. Throws CsvTextError for an unclosed quote. Big SIS files use the streaming
 * reader in import/ instead.
 */
export function parseCsvText(text: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < s.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (;;) {
      if (i >= s.length) {
        if (quoted) throw new CsvTextError(start, `A quoted field starting on line ${start} never closes: add the missing double quote.`);
        fields.push(field);
        break;
      }
      const c = s[i]!;
      if (quoted) {
        if (c === '"') {
          if (s[i + 1] === '"') { field += '"'; i += 2; continue; }
          quoted = false; i++; continue;
        }
        if (c === '\n') line++;
        field += c; i++; continue;
      }
      if (c === '"' && field.length === 0) { quoted = true; i++; continue; }
      if (c === ',') { fields.push(field); field = ''; i++; continue; }
      if (c === '\r' && s[i + 1] === '\n') { i++; continue; }
      if (c === '\n') { fields.push(field); i++; line++; break; }
      field += c; i++;
    }
    if (!(fields.length === 1 && fields[0] === '')) out.push({ line: start, fields });
  }
  return out;
}
