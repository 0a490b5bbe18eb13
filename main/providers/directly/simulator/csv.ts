/**
 * Reading Ingest's single-column CSV (RFC 4180 quoting): one utterance per row. A row with a second column
 * is refused rather than guessed at, so a wrong export is noticed before it trains anything.
 */
import { INGEST_LIMITS } from '../wire';

export type CsvResult = { ok: true; utterances: string[] } | { ok: false; message: string };

export function parseUtteranceCsv(text: string): CsvResult {
  const rows: string[] = [];
  let field = '';
  let quoted = false;
  let row = 1;
  const endRow = (): CsvResult | undefined => {
    const value = field.trim();
    if (value.length > INGEST_LIMITS.maxUtteranceChars) {
      return {
        ok: false,
        message: `Row ${row}: an utterance may have at most ${INGEST_LIMITS.maxUtteranceChars} characters.`,
      };
    }
    if (value !== '') rows.push(value);
    field = '';
    row++;
    return undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (char === ',') {
      return {
        ok: false,
        message: `Row ${row} has more than one column; the CSV must have exactly one column of utterances (quote values that contain commas).`,
      };
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      const failure = endRow();
      if (failure) return failure;
    } else field += char;
  }
  if (quoted) return { ok: false, message: `Row ${row} has an unterminated quoted value.` };
  const failure = endRow();
  if (failure) return failure;
  if (rows.length === 0) return { ok: false, message: 'The CSV has no utterances.' };
  if (rows.length > INGEST_LIMITS.maxRows) {
    return {
      ok: false,
      message: `The CSV has ${rows.length} utterances; at most ${INGEST_LIMITS.maxRows} are accepted per upload.`,
    };
  }
  return { ok: true, utterances: rows };
}
