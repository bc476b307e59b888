import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type SyntheticEvent } from 'react';
import './dialog.css';

/**
 * Asks before an action that cannot be undone: a modal `<dialog>` (showModal makes the rest of
 * the page inert, so Tab stays inside), its consequences as the description, focus on « Annuler »
 * (the safe choice), Tab goes round its buttons, Escape cancels, focus goes back to the button
 * that opened it.
 */
export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  onConfirm,
  onCancel,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** The consequences, with their figures. */
  children: ReactNode;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const isOpen = useRef(open);
  isOpen.current = open;

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
      cancel.current?.focus();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);

  // Escape: the browser fires `cancel`; the page decides (closing goes through `open`).
  const onCancelEvent = (e: SyntheticEvent) => {
    e.preventDefault();
    onCancel();
  };
  // Tab and Shift+Tab go round the dialog's buttons: the inert page behind is never reached,
  // nor the browser's own bar.
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab' || !dialog.current) return;
    const focusable = [
      ...dialog.current.querySelectorAll<HTMLElement>('button:not(:disabled), a[href], input, select, textarea'),
    ];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    }
  };
  const onClose = () => {
    // Closed by the browser itself (a second Escape may force it): tell the page.
    if (isOpen.current) onCancel();
    if (opener.current?.isConnected) opener.current.focus();
    opener.current = null;
  };

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-modal="true"
      aria-labelledby={`${id}-titre`}
      aria-describedby={`${id}-texte`}
      onCancel={onCancelEvent}
      onClose={onClose}
      onKeyDown={onKeyDown}
    >
      <h2 id={`${id}-titre`}>{title}</h2>
      <div id={`${id}-texte`} className="confirm-dialog-text">
        {children}
      </div>
      <div className="confirm-dialog-actions">
        <button ref={cancel} type="button" className="secondary" onClick={onCancel}>
          Annuler
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
