import { useEffect, useState } from 'react';
import type { TicketEvent } from '../api/shapes.js';
import { TextField } from './TextField.js';

/** What the organizer chose: a new file, to remove the current image, or nothing (keep it). */
export type ImageChoice = { file: File; alt: string } | 'remove' | null;

/** As the server takes them (MAX_IMAGE_BYTES, UPLOAD_CONTENT_TYPES in core); checked here to answer at once. */
const TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_BYTES = 5 * 1024 * 1024;

export function imageFileProblem(file: File): string | null {
  if (!TYPES.includes(file.type)) return 'Choose a JPEG, PNG or WebP image.';
  if (file.size > MAX_BYTES) return `The image is ${(file.size / 1024 / 1024).toFixed(1)} MB; the most is 5 MB.`;
  return null;
}

/**
 * The cover image field of the event form: a file input, a preview cropped 16:9 as cards and the
 * event page will show it, and replace / remove. The upload itself happens when the form is saved.
 */
export function ImagePicker({ current, choice, onChange, error }: { current: TicketEvent['image'] | undefined; choice: ImageChoice; onChange(choice: ImageChoice): void; error?: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const file = choice && choice !== 'remove' ? choice.file : null;
  useEffect(() => {
    if (!file) return setPreviewUrl(null);
    const url = URL.createObjectURL(file);
    setPreviewUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const shown = previewUrl ?? (choice === 'remove' ? null : current?.url ?? null);
  const message = problem ?? error;
  return (
    <fieldset className="stack">
      <legend>Cover image</legend>
      {shown ? (
        <img className="event-image image-picker-preview" src={shown} alt="Preview of the cover image, cropped as cards and the event page show it" width={1280} height={720} />
      ) : (
        <p className="muted">{choice === 'remove' ? 'The image will be removed when you save.' : 'No image yet.'}</p>
      )}
      <div className="field">
        <label htmlFor="event-image">{shown ? 'Replace the image' : 'Choose an image'}</label>
        <input
          id="event-image"
          type="file"
          accept={TYPES.join(',')}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? 'event-image-hint event-image-error' : 'event-image-hint'}
          onChange={(e) => {
            const picked = e.target.files?.[0];
            if (!picked) return;
            const found = imageFileProblem(picked);
            setProblem(found);
            if (found) e.target.value = '';
            else onChange({ file: picked, alt: choice && choice !== 'remove' ? choice.alt : current?.alt ?? '' });
          }}
        />
        <p id="event-image-hint" className="hint">JPEG, PNG or WebP, up to 5 MB. Shown 16:9: the middle is kept when the shape differs.</p>
        {message && (
          <p id="event-image-error" className="field-error">
            {message}
          </p>
        )}
      </div>
      {file && choice && choice !== 'remove' && (
        <TextField
          id="event-image-alt"
          label="Describe the image (optional)"
          hint="For people who cannot see it. Empty: the event’s name."
          maxLength={300}
          value={choice.alt}
          onChange={(e) => onChange({ file, alt: e.target.value })}
        />
      )}
      {(current || file) && choice !== 'remove' && (
        <button type="button" className="link-button" onClick={() => { setProblem(null); onChange(current ? 'remove' : null); }}>
          Remove the image
        </button>
      )}
      {choice === 'remove' && (
        <button type="button" className="link-button" onClick={() => onChange(null)}>
          Keep the image
        </button>
      )}
    </fieldset>
  );
}
