import type { ReactNode } from 'react';

/** An error sentence, announced to screen readers as it appears. */
export function ErrorMessage({ message }: { message: string | null | undefined }) {
  return (
    <div role="alert" aria-live="assertive" className={message ? 'alert alert-error' : 'visually-empty'}>
      {message}
    </div>
  );
}

export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className={children ? 'alert alert-ok' : 'visually-empty'}>
      {children}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" aria-live="polite" className="muted">
      Loading {what}…
    </p>
  );
}

export function BusyButton({
  busy,
  children,
  type = 'submit',
  className = 'button',
  onClick,
  disabled,
}: {
  busy: boolean;
  children: ReactNode;
  type?: 'submit' | 'button';
  className?: string;
  onClick?: () => void;
  disabled?: boolean;
}) {
  return (
    <button type={type} className={className} disabled={busy || disabled} aria-busy={busy} onClick={onClick}>
      {busy ? 'Working…' : children}
    </button>
  );
}
