import { describe, expect, it } from 'vitest';
import { commentProblem, formatNote, labelOf, meaningfulLength, NOTES, noteProblem } from './grading';

describe('grading scale', () => {
  it('offers every half point from 1 to 10', () => {
    expect(NOTES).toHaveLength(19);
    expect(NOTES[0]).toBe(1);
    expect(NOTES[1]).toBe(1.5);
    expect(NOTES[18]).toBe(10);
  });

  it.each([
    [1, 'Très insuffisant'],
    [2.5, 'Insuffisant'],
    [3, 'Médiocre'],
    [4.5, 'Passable'],
    [5, 'Moyen'],
    [6, 'Correct'],
    [7.5, 'Bien'],
    [8, 'Très bien'],
    [9.5, 'Excellent'],
    [10, 'Exceptionnel'],
  ])('labels %d as the word of its integer part: %s', (note, label) => {
    expect(labelOf(note)).toBe(label);
  });

  it('writes notes the French way', () => {
    expect(formatNote(7.5)).toBe('7,5');
    expect(formatNote(8)).toBe('8');
  });

  it('refuses a missing note, one out of 1..10 and one not on a half point', () => {
    expect(noteProblem(null)).toBe('Choisissez une note.');
    expect(noteProblem(0.5)).toBe('La note doit être comprise entre 1 et 10.');
    expect(noteProblem(10.5)).toBe('La note doit être comprise entre 1 et 10.');
    expect(noteProblem(7.25)).toBe('La note doit être un multiple de 0,5 (demi-points).');
    expect(noteProblem(Number.NaN)).toBe('Choisissez une note.');
    expect(noteProblem(7.5)).toBeNull();
  });

  it('wants 10 characters of comment, white space not counted, as the API does', () => {
    expect(meaningfulLength('  a b\tc \n')).toBe(3);
    expect(commentProblem('Court')).toBe('Le commentaire doit contenir au moins 10 caractères (espaces non comptés).');
    expect(commentProblem('  trop court ')).toBe(
      'Le commentaire doit contenir au moins 10 caractères (espaces non comptés).',
    );
    expect(commentProblem('Bien construit')).toBeNull();
    expect(commentProblem('x'.repeat(5001))).toBe('Le commentaire doit contenir au plus 5000 caractères.');
  });
});
