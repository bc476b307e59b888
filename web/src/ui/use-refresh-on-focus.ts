import { useEffect, useRef } from 'react';

/**
 * Calls `refresh` when the person comes back to the page (the window gets the focus, or the
 * tab shows again): a quota the teacher raised meanwhile is shown without a reload.
 */
export function useRefreshOnFocus(refresh: () => void): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    // Coming back fires both events: one refresh for the two.
    let last = 0;
    const run = () => {
      if (document.visibilityState === 'hidden' || Date.now() - last < 1000) return;
      last = Date.now();
      latest.current();
    };
    window.addEventListener('focus', run);
    document.addEventListener('visibilitychange', run);
    return () => {
      window.removeEventListener('focus', run);
      document.removeEventListener('visibilitychange', run);
    };
  }, []);
}
