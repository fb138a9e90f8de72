// RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; records end in CRLF.

/**
 * Spreadsheets run a cell starting with = + - @ (or a tab or CR) as a formula, so such cells get a
 * leading single quote. A cell that already starts with one gets another, which makes the guard
 * reversible: `csvValue` removes exactly one leading quote.
 */
const FORMULA_START = /^[=+\-@\t\r']/;

function csvCell(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function csvRecord(values: readonly string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A cell as written by `csvCell`, with the formula guard undone. */
export function csvValue(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export interface CsvRecord {
  /** The line the record starts on (1-based), for error messages. */
  line: number;
  fields: string[];
}

class CsvError extends Error {
  override name = 'CsvError';
}

/** Parses CSV as it streams in; blank lines are skipped. */
export async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser();
  for await (const chunk of chunks) yield* parser.push(chunk);
  yield* parser.end();
}

class CsvParser {
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  /** A quote inside a quoted field: the end of the field, unless another quote follows. */
  private quoteSeen = false;
  private line = 1;
  private recordLine = 1;
  private started = false;

  push(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    // Excel starts its UTF-8 exports with a byte order mark.
    const body = this.started ? text : text.replace(/^\uFEFF/, '');
    this.started = true;
    for (const char of body) {
      if (this.quoted && this.inQuotes(char)) continue;
      if (char === '"' && this.field === '') this.quoted = true;
      else if (char === ',') this.endField();
      else if (char === '\n') this.endRecord(records);
      else if (char !== '\r') this.field += char;
    }
    return records;
  }

  end(): CsvRecord[] {
    if (this.quoted && !this.quoteSeen) throw new CsvError(`line ${this.recordLine}: a quoted field is never closed`);
    const records: CsvRecord[] = [];
    if (this.fields.length > 0 || this.field !== '') this.endRecord(records);
    return records;
  }

  /** Consumes `char` inside a quoted field; false when the field just closed and `char` follows it. */
  private inQuotes(char: string): boolean {
    if (this.quoteSeen) {
      this.quoteSeen = false;
      if (char === '"') {
        this.field += '"';
        return true;
      }
      this.quoted = false;
      return false;
    }
    if (char === '"') this.quoteSeen = true;
    else {
      if (char === '\n') this.line++;
      this.field += char;
    }
    return true;
  }

  private endField() {
    this.fields.push(this.field);
    this.field = '';
  }

  private endRecord(records: CsvRecord[]) {
    this.endField();
    const blank = this.fields.length === 1 && this.fields[0] === '';
    if (!blank) records.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
    this.line++;
    this.recordLine = this.line;
  }
}
