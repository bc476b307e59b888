import type { AiMessage } from '../../../libs/ai-providers';
import { fillPlaceholders } from '../../verification';

/** What one case of a try sends: the task's `systeme`, then the prompt with the case's inputs (no history). */
export function essaiMessages(systeme: string | null, prompt: string, entrees: Record<string, string>): AiMessage[] {
  return [
    ...(systeme ? [{ role: 'system' as const, content: systeme }] : []),
    { role: 'user', content: fillPlaceholders(prompt, entrees) },
  ];
}

/** The quota reservation of case i of a try: one prompt and its tokens, like a send. */
export const essaiReservationId = (essaiId: string, i: number) => `essai-${essaiId}-${i}`;
