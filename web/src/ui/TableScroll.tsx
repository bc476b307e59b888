import type { ReactNode } from 'react';

/**
 * A table wider than a phone: it scrolls sideways on its own (the page does not), says so on
 * small screens, and takes the keyboard's focus so arrows can scroll it (WCAG 2.1.1).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <p className="table-scroll-hint" aria-hidden="true">
        Faites défiler le tableau sur le côté →
      </p>
      <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
