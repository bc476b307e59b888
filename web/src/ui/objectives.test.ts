import { describe, expect, it } from 'vitest';
import { objectiveItems } from './objectives';

describe('objectives written in the form', () => {
  it('makes one item per line, list markers removed', () => {
    expect(objectiveItems('- Rédiger un prompt clair\n* Citer ses sources\r\n\n• Limiter la longueur')).toEqual([
      'Rédiger un prompt clair',
      'Citer ses sources',
      'Limiter la longueur',
    ]);
    expect(objectiveItems('1. Comprendre\n2) Appliquer')).toEqual(['Comprendre', 'Appliquer']);
  });

  it('keeps a single sentence as it is, and a hyphen inside a line', () => {
    expect(objectiveItems('Savoir re-formuler une consigne.')).toEqual(['Savoir re-formuler une consigne.']);
  });

  it('has nothing for empty objectives', () => {
    expect(objectiveItems('  \n ')).toEqual([]);
    expect(objectiveItems(undefined)).toEqual([]);
  });
});
