import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './dates';

describe('datetime-local values', () => {
  it('goes there and back', () => {
    const d = new Date(2026, 2, 10, 8, 5);
    expect(toLocalInput(d)).toBe('2026-03-10T08:05');
    expect(fromLocalInput('2026-03-10T08:05')).toBe(d.toISOString());
  });
  it('refuses empty or broken values', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('pas une date')).toBeNull();
  });
});
