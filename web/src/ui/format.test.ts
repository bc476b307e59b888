import { describe, expect, it } from 'vitest';
import { formatNote, formatNotes, formatNumber, plural } from './format';

const NNBSP = '\u202f';

describe('French numbers', () => {
  it('separates thousands with a narrow no-break space', () => {
    expect(formatNumber(100000)).toBe(`100${NNBSP}000`);
    expect(formatNumber(8000)).toBe(`8${NNBSP}000`);
    expect(formatNumber(999)).toBe('999');
  });

  it('writes notes with a decimal comma, two decimals at most', () => {
    expect(formatNote(7.5)).toBe('7,5');
    expect(formatNote(8)).toBe('8');
    expect(formatNote(19 / 3)).toBe('6,33');
  });

  it('says "—" for what is not known', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNote(undefined)).toBe('—');
    expect(formatNote(Number.NaN)).toBe('—');
  });

  it('separates several notes with a semicolon, never a comma', () => {
    expect(formatNotes([7.5, 8, 6.25])).toBe('7,5 ; 8 ; 6,25');
    expect(formatNotes([])).toBe('');
  });

  it('agrees the word with its count (French: 0 and 1 are singular)', () => {
    expect(plural(0, 'élève', 'élèves')).toBe('0 élève');
    expect(plural(1, 'élève', 'élèves')).toBe('1 élève');
    expect(plural(1200, 'élève', 'élèves')).toBe(`1${NNBSP}200 élèves`);
  });
});
