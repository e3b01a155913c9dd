import { useState, type ReactNode } from 'react';

/** A destructive action that asks "are you sure?" inline (keyboard- and screen-reader-friendly). */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  busy,
  onConfirm,
  children,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  children?: ReactNode;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button-danger-outline" onClick={() => setAsking(true)} disabled={busy}>
        {busy ? 'Working…' : label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={question}>
      <p>
        <strong>{question}</strong>
      </p>
      {children}
      <div className="row">
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setAsking(false)} autoFocus>
          Keep it
        </button>
      </div>
    </div>
  );
}
