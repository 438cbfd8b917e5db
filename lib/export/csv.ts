// CSV export (RFC 4180: CRLF line ends, fields with quotes, commas or line breaks quoted,
// quotes doubled), UTF-8 with a byte-order mark so spreadsheet programs read the accents
// right. One row per annotation or reply. Written by hand: RFC 4180 quoting is one line,
// and csv-stringify took 250-450 ms of the 1 s budget for 10,000 rows (bench/export.ts).
import { walkThread, type ExportContext, type ExportedAnnotation, type ExportWriter } from "./export-model";

export const CSV_COLUMNS = [
  "thread_id",
  "parent_id",
  "id",
  "quote",
  "start",
  "end",
  "kind",
  "tags",
  "author",
  "created",
  "updated",
  "resolved",
  "body",
] as const;

export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;

const BYTE_ORDER_MARK = "\uFEFF";

export function createCsvWriter(_context: ExportContext): ExportWriter {
  return {
    begin: () => BYTE_ORDER_MARK + toCsv([Object.fromEntries(CSV_COLUMNS.map((column) => [column, column])) as CsvRow]),
    threads: (batch) => toCsv(batch.flatMap((root) => [...walkThread(root)].map(({ annotation }) => csvRow(root, annotation)))),
    end: () => "",
  };
}

export function csvRow(root: ExportedAnnotation, annotation: ExportedAnnotation): CsvRow {
  return {
    thread_id: root.id,
    parent_id: annotation.parentId ?? "",
    id: annotation.id,
    quote: neutralizeFormula(annotation.target?.exact ?? ""),
    start: annotation.target ? String(annotation.target.start) : "",
    end: annotation.target ? String(annotation.target.end) : "",
    kind: annotation.parentId ? "reply" : annotation.kind,
    tags: neutralizeFormula(annotation.tags.join("; ")),
    author: neutralizeFormula(annotation.author.name),
    created: annotation.createdAt,
    updated: annotation.updatedAt,
    resolved: annotation.resolved ? "yes" : "no",
    body: neutralizeFormula(annotation.deleted ? "(deleted)" : (annotation.body?.text ?? "")),
  };
}

/*
 * A cell starting with = + - @ (or a tab or carriage return) is run as a formula by Excel,
 * LibreOffice and Google Sheets, so a comment could make a teacher's spreadsheet fetch a URL.
 * OWASP's advice: prefix such cells with a single quote, which spreadsheets show as text.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function toCsv(rows: CsvRow[]): string {
  let csv = "";
  for (const row of rows) csv += `${CSV_COLUMNS.map((column) => quoteField(row[column])).join(",")}\r\n`;
  return csv;
}

function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
