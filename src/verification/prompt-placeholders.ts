import { inputNamesOf, TaskVerification } from '../hackathon';
import { VerificationErrors } from './verification.errors';

/** `{{nom}}`, spaces allowed inside the braces (`{{ nom }}`). */
const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/gu;

/** The placeholder names of a prompt, each once, in order of appearance. */
export function placeholdersOf(prompt: string): string[] {
  return [...new Set([...prompt.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

export interface PlaceholderMismatch {
  /** Placeholders of the prompt that no case input fills. */
  missing: string[];
  /** Case inputs the prompt never uses. */
  unused: string[];
}

/** What does not match between a prompt's placeholders and the inputs of the task's cases (empty lists: all good). */
export function placeholderMismatch(prompt: string, verification: TaskVerification): PlaceholderMismatch {
  const used = placeholdersOf(prompt);
  const inputs = inputNamesOf(verification);
  return { missing: used.filter((n) => !inputs.includes(n)), unused: inputs.filter((n) => !used.includes(n)) };
}

/**
 * For the submission of a final prompt (docs/api.md 1.2): `400 PROMPT_PLACEHOLDERS` naming the
 * missing and unused inputs. Input names are public (a task's `entrees`), so the answer tells a
 * student nothing of a hidden case.
 */
export function assertPlaceholders(
  prompt: string,
  verification: TaskVerification | null,
  /** The body field the prompt came in (a teacher's try sends `prompt`). */
  field = 'promptFinal',
): void {
  if (!verification) return;
  const { missing, unused } = placeholderMismatch(prompt, verification);
  if (missing.length || unused.length) throw VerificationErrors.promptPlaceholders(missing, unused, field);
}

/** The prompt with each `{{nom}}` replaced by the case's text, in one pass (an input holding `{{x}}` stays as is). */
export function fillPlaceholders(prompt: string, entrees: Record<string, string>): string {
  return prompt.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(entrees, name) ? entrees[name] : whole));
}
