import { isValidComment, isValidNote, labelOf, meaningfulLength } from './note-scale';

describe('note scale (docs/data-model.md §6.2)', () => {
  it.each([
    [1, 'Très insuffisant'],
    [1.5, 'Très insuffisant'],
    [4, 'Passable'],
    [6.5, 'Correct'],
    [7, 'Bien'],
    [7.5, 'Bien'],
    [8, 'Très bien'],
    [9.5, 'Excellent'],
    [10, 'Exceptionnel'],
  ])('labels %d as %s (integer part)', (note, label) => {
    expect(labelOf(note)).toBe(label);
  });

  it.each([1, 1.5, 5, 7.5, 9.5, 10])('accepts %d', (note) => expect(isValidNote(note)).toBe(true));
  it.each([0, 0.5, 10.5, 11, 7.3, 7.25, -1, NaN, Infinity, '8', null, undefined])('refuses %p', (note) =>
    expect(isValidNote(note)).toBe(false),
  );
});

describe('comment rule (docs/data-model.md §6.3)', () => {
  it('counts characters other than white space', () => {
    expect(meaningfulLength('  trop court ')).toBe(9);
    expect(meaningfulLength('Très bien\ttravaillé')).toBe(17);
  });

  it.each(['  trop court ', '', '          ', 'a b c d e f g h i'])('refuses %j', (c) =>
    expect(isValidComment(c)).toBe(false),
  );
  it.each(['Excellent travail', '  Prompt clair, précis.  ', 'abcdefghij'])('accepts %j', (c) =>
    expect(isValidComment(c)).toBe(true),
  );
  it('refuses a non-string and an over-long comment', () => {
    expect(isValidComment(42)).toBe(false);
    expect(isValidComment('x'.repeat(5001))).toBe(false);
  });
});
