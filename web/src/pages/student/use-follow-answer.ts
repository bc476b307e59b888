import { useCallback, useEffect, useRef } from 'react';
import type { ChatState } from './conversation-state';

/**
 * Keeps the newest message in sight above the prompt box after a send, and while the answer
 * streams, until the student scrolls up to read something else. Returns what to call on a send.
 */
export function useFollowAnswer(chat: ChatState | null): () => void {
  const following = useRef(false);
  const lastY = useRef(0);
  useEffect(() => {
    const onScroll = () => {
      // Scrolling up (by hand) stops following; the page's own scrolls only go down.
      if (window.scrollY < lastY.current - 40) following.current = false;
      lastY.current = window.scrollY;
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);
  const size = chat ? chat.messages.length + (chat.streaming?.text.length ?? 0) + (chat.pendingId ? 1 : 0) : 0;
  useEffect(() => {
    if (!following.current) return;
    const last = document.querySelector('.messages > li:last-child');
    const dock = document.querySelector('.composer-dock');
    if (last) {
      // The prompt box stays over the bottom of the screen: the message goes just above it.
      const above = dock ? dock.getBoundingClientRect().top : window.innerHeight;
      const below = last.getBoundingClientRect().bottom + 12 - above;
      if (below > 0) window.scrollBy(0, below);
    }
    lastY.current = window.scrollY;
    if (chat && !chat.pendingId) following.current = false;
  }, [size, chat]);
  return useCallback(() => {
    following.current = true;
  }, []);
}
