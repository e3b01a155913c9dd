/** A new password (reset or change), with the rules it must meet and what setting it does. */
export function NewPasswordField({ id, value, onChange, consequence }: { id: string; value: string; onChange: (value: string) => void; consequence: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>New password</label>
      <input id={id} type="password" required minLength={8} autoComplete="new-password" aria-describedby={`${id}-hint`} value={value} onChange={(e) => onChange(e.target.value)} />
      <p id={`${id}-hint`} className="hint">
        At least 8 characters, and not a common password. {consequence}
      </p>
    </div>
  );
}
