import { describe, expect, it } from 'vitest';
import { parseUtteranceCsv } from './csv';

describe('parseUtteranceCsv', () => {
  it('reads one utterance per row, with RFC 4180 quoting and blank lines skipped', () => {
    expect(parseUtteranceCsv('first\r\n"second, with a comma"\n\n"say ""hi"""\n')).toEqual({
      ok: true,
      utterances: ['first', 'second, with a comma', 'say "hi"'],
    });
  });

  it('refuses a second column, an unterminated quote and an empty file', () => {
    expect(parseUtteranceCsv('a\nb,c')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Row 2'),
    });
    expect(parseUtteranceCsv('"open')).toMatchObject({ ok: false });
    expect(parseUtteranceCsv(' \n')).toMatchObject({ ok: false, message: 'The CSV has no utterances.' });
  });
});
