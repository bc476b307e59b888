import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/errors';
import { getEssai, startEssai } from '../../api/essais';
import { essaiRunning, noEssai, withEssai, withEssaiStarted, type EssaiState } from './checks';

/** How often the page reads a running try: its cases' results show as they come (the stream says only its end). */
const READ_EVERY_MS = 2000;
const stored = (conversationId: string) => `prompt-challenge.essai.${conversationId}`;

/**
 * The student's last try on this conversation: started here, followed by `event: essai` (see
 * ConversationView.tsx) and by reading it while it runs; its id kept for the tab, so a reload
 * shows it again.
 */
export function useEssai(conversationId: string) {
  const [state, setState] = useState<EssaiState>(noEssai);

  useEffect(() => {
    const id = sessionStorage.getItem(stored(conversationId));
    setState(id ? withEssaiStarted(noEssai, id) : noEssai);
  }, [conversationId]);

  const running = essaiRunning(state);
  const id = state.id;
  useEffect(() => {
    if (!running || !id) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const essai = await getEssai(conversationId, id);
        if (stopped) return;
        setState((s) => withEssai(s, essai));
      } catch (err) {
        // A try the server no longer knows (another tab's data, an old id): forgotten.
        if (err instanceof ApiError && err.status === 404) {
          sessionStorage.removeItem(stored(conversationId));
          if (!stopped) setState(noEssai);
          return;
        }
      }
      if (!stopped) timer = setTimeout(() => void read(), READ_EVERY_MS);
    };
    void read();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [conversationId, id, running]);

  const start = useCallback(
    async (prompt: string) => {
      const essaiId = await startEssai(conversationId, prompt);
      sessionStorage.setItem(stored(conversationId), essaiId);
      setState((s) => withEssaiStarted(s, essaiId));
    },
    [conversationId],
  );
  /** `event: essai` of the conversation's stream. */
  const onEvent = useCallback((data: unknown) => setState((s) => withEssai(s, data)), []);
  return { state, running, start, onEvent };
}
