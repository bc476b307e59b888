import { useEffect, useState } from 'react';
import { copyText } from './clipboard';

/**
 * A button that copies `text()` (read at the click: a code block's text as shown) and says
 * so for a moment, in its label and to screen readers.
 */
export function CopyButton({
  text,
  label,
  copiedLabel = 'Copié',
}: {
  text: () => string;
  label: string;
  copiedLabel?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className="copy">
      <button
        type="button"
        className="secondary small"
        aria-label={label}
        onClick={() => void copyText(text()).then((ok) => setState(ok ? 'copied' : 'failed'))}
      >
        {state === 'copied' ? `${copiedLabel} ✓` : 'Copier'}
      </button>
      <span role="status" className="sr-only">
        {state === 'copied'
          ? 'Copié dans le presse-papiers.'
          : state === 'failed'
            ? 'La copie a échoué : sélectionnez le texte pour le copier.'
            : ''}
      </span>
    </span>
  );
}
