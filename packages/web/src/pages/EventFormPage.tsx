import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ok } from '../api/client.js';
import { ApiError, messageOf } from '../api/errors.js';
import { CATEGORIES } from '../categories.js';
import { ErrorMessage, Loading } from '../components/Feedback.js';
import { TextField } from '../components/TextField.js';
import { ImagePicker, type ImageChoice } from '../components/ImagePicker.js';
import { saveEventImage } from '../api/event-image.js';
import type { TicketEvent } from '../api/shapes.js';
import {
  CUTOFF_HOURS,
  TICKETS_PER_ACCOUNT,
  draftFromEvent,
  draftToBody,
  emptyDraft,
  validateDraft,
  type EventDraft,
  type FieldErrors,
  type TicketTypeDraft,
} from '../eventForm.js';
import { timeZoneNames } from '../format.js';
import { EVENT_TEXT_LIMITS } from '@ticketbooth/core/event';
import { usePageTitle } from '../hooks.js';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK'];

/** Create (no :id) or edit an event with its ticket types; errors appear next to their fields. */
export function EventFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  usePageTitle(id ? 'Edit event' : 'Create event');
  const [draft, setDraft] = useState<EventDraft | null>(id ? null : emptyDraft());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'draft' | 'publish' | null>(null);
  // After the first attempt, errors follow every edit so a fixed field loses its message at once.
  const [attempted, setAttempted] = useState(false);
  const zones = useMemo(timeZoneNames, []);
  const [image, setImage] = useState<TicketEvent['image']>(null);
  const [imageChoice, setImageChoice] = useState<ImageChoice>(null);

  useEffect(() => {
    if (!id) return;
    ok(api.GET('/api/events/{id}', { params: { path: { id } } })).then(
      (event) => {
        setDraft(draftFromEvent(event));
        setImage(event.image);
      },
      (e: unknown) => setFormError(messageOf(e)),
    );
  }, [id]);

  if (!draft) {
    return (
      <main className="page narrow" id="main">
        <h1>Edit event</h1>
        <ErrorMessage message={formError} />
        {!formError && <Loading what="the event" />}
      </main>
    );
  }
  const current = draft;
  const set = (patch: Partial<EventDraft>) => {
    const next = { ...current, ...patch };
    setDraft(next);
    if (!attempted) return;
    const found = validateDraft(next);
    setErrors(found);
    if (Object.keys(found).length === 0) setFormError(null);
  };
  const setType = (index: number, patch: Partial<TicketTypeDraft>) =>
    set({ ticketTypes: current.ticketTypes.map((t, i) => (i === index ? { ...t, ...patch } : t)) });

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const publish = submitter?.value === 'publish';
    const found = validateDraft(current);
    setAttempted(true);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      setFormError('Please correct the highlighted fields.');
      return;
    }
    setBusy(publish ? 'publish' : 'draft');
    try {
      const body = draftToBody(current);
      const saved = id
        ? // An emptied "Ends" removes the end (null); the create form leaves it out.
          await ok(api.PATCH('/api/events/{id}', { params: { path: { id } }, body: { ...body, endsAt: body.endsAt ?? null } }))
        : await ok(api.POST('/api/events', { body: { ...body, currency: current.currency, publish } }));
      try {
        await saveEventImage(saved.id, imageChoice);
      } catch (imageError) {
        // The event is saved; only the image failed: edit it from here, with the reason.
        if (!id) navigate(`/organizer/events/${saved.id}/edit`, { replace: true });
        setFormError(`The event was saved, but not its image: ${messageOf(imageError)}`);
        return;
      }
      navigate(`/organizer/events/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError) setErrors(serverFieldErrors(err));
      setFormError(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  const field = (name: keyof EventDraft, label: string, props: Record<string, unknown> = {}) => (
    <TextField id={`event-${name}`} label={label} error={errors[name]} value={current[name] as string} onChange={(e) => set({ [name]: e.target.value })} {...props} />
  );

  return (
    <main className="page narrow" id="main">
      <h1>{id ? 'Edit event' : 'Create event'}</h1>
      <form className="card stack" onSubmit={save} noValidate>
        {field('name', 'Event name', { required: true, hint: `Up to ${EVENT_TEXT_LIMITS.name} characters.` })}
        <div className="field">
          <label htmlFor="event-description">Description</label>
          <textarea
            id="event-description"
            rows={5}
            value={current.description}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={errors.description ? 'event-description-error' : undefined}
            onChange={(e) => set({ description: e.target.value })}
          />
          {errors.description && (
            <p id="event-description-error" className="field-error">
              {errors.description}
            </p>
          )}
        </div>
        <ImagePicker current={image} choice={imageChoice} onChange={setImageChoice} />
        <div className="field">
          <label htmlFor="event-category">Category</label>
          <select id="event-category" value={current.category} onChange={(e) => set({ category: e.target.value })}>
            {[...new Set([current.category, ...CATEGORIES])].map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
        {field('location', 'Location', { required: true, hint: `Up to ${EVENT_TEXT_LIMITS.location} characters.` })}
        {field('timezone', 'Time zone', {
          required: true,
          list: 'event-timezones',
          autoComplete: 'off',
          spellCheck: false,
          hint: 'Type to search, like Berlin or Los_Angeles. Starts and Ends are on this zone’s clock.',
        })}
        <datalist id="event-timezones">
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <div className="row wrap">
          {field('startsAt', 'Starts', { type: 'datetime-local', required: true })}
          {field('endsAt', 'Ends (optional)', { type: 'datetime-local', hint: 'Leave empty if there is no set end: the event page shows only the start.' })}
        </div>
        <div className="row wrap">
          {field('capacity', 'Capacity', { inputMode: 'numeric', required: true, hint: 'Total spots across all ticket types.' })}
          <div className="field">
            <label htmlFor="event-currency">Currency</label>
            <select id="event-currency" value={current.currency} disabled={Boolean(id)} onChange={(e) => set({ currency: e.target.value })}>
              {[...new Set([current.currency, ...CURRENCIES])].map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </div>
        </div>
        <fieldset className="stack">
          <legend>Limits and cancellation</legend>
          {field('maxTicketsPerAccount', 'Tickets per account', {
            inputMode: 'numeric',
            required: true,
            hint: `${TICKETS_PER_ACCOUNT.min} to ${TICKETS_PER_ACCOUNT.max}: the most one account may hold for this event across all its orders. Lowering it later cancels no tickets already held.`,
          })}
          <div className="field">
            <label>
              <input type="checkbox" checked={current.attendeesMayCancel} onChange={(e) => set({ attendeesMayCancel: e.target.checked })} /> Attendees may cancel paid
              orders themselves (refunded)
            </label>
          </div>
          {current.attendeesMayCancel
            ? field('cancellationCutoffHours', 'Until how many hours before the start', {
                inputMode: 'numeric',
                hint: `${CUTOFF_HOURS.min} (until the start) to ${CUTOFF_HOURS.max}. Free tickets can always be cancelled until the start; your own cancellation of the event always refunds.`,
              })
            : <p className="muted">Attendees contact you to cancel a paid order. Free tickets can still be cancelled until the start.</p>}
        </fieldset>
        <fieldset className="stack">
          <legend>Ticket types</legend>
          {errors.ticketTypes && <p className="field-error">{errors.ticketTypes}</p>}
          {current.ticketTypes.map((t, i) => (
            <div key={t.id ?? `new-${i}`} className="ticket-type-row" role="group" aria-label={`Ticket type ${i + 1}`}>
              <TextField id={`tt-${i}-name`} label={<TypeLabel index={i} text="Name" />} error={errors[`ticketTypes.${i}.name`]} value={t.name} onChange={(e) => setType(i, { name: e.target.value })} />
              <TextField
                id={`tt-${i}-price`}
                label={<TypeLabel index={i} text={`Price (${current.currency})`} />}
                inputMode="decimal"
                error={errors[`ticketTypes.${i}.price`]}
                value={t.price}
                onChange={(e) => setType(i, { price: e.target.value })}
              />
              <TextField
                id={`tt-${i}-quantity`}
                label={<TypeLabel index={i} text="Quantity" />}
                inputMode="numeric"
                hint="Empty: no separate limit"
                error={errors[`ticketTypes.${i}.quantity`]}
                value={t.quantity}
                onChange={(e) => setType(i, { quantity: e.target.value })}
              />
              {!t.id && current.ticketTypes.length > 1 && (
                <button type="button" className="link-button" onClick={() => set({ ticketTypes: current.ticketTypes.filter((_, j) => j !== i) })}>
                  Remove<span className="visually-hidden"> ticket type {i + 1}</span>
                </button>
              )}
            </div>
          ))}
          <button type="button" className="button button-secondary" onClick={() => set({ ticketTypes: [...current.ticketTypes, { name: '', price: '0', quantity: '' }] })}>
            Add ticket type
          </button>
        </fieldset>
        <ErrorMessage message={formError} />
        <div className="row wrap">
          <button type="submit" className="button" name="action" value="draft" disabled={busy !== null}>
            {busy === 'draft' ? 'Working…' : id ? 'Save changes' : 'Save as draft'}
          </button>
          {!id && (
            <button type="submit" className="button button-secondary" name="action" value="publish" disabled={busy !== null}>
              {busy === 'publish' ? 'Working…' : 'Save and publish'}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}

/** Visible "Price"; read as "Ticket type 2 price" so each input's name is unique. */
function TypeLabel({ index, text }: { index: number; text: string }) {
  return (
    <>
      <span className="visually-hidden">Ticket type {index + 1} </span>
      {text}
    </>
  );
}

/** The server names fields by their JSON path; the form names prices "price" instead of "priceCents". */
function serverFieldErrors(error: ApiError): FieldErrors {
  return Object.fromEntries(
    Object.entries(error.fieldErrors).map(([path, message]) => [path.replace(/\.priceCents$/, '.price').replace(/^attendeeCancellationCutoffHours$/, 'cancellationCutoffHours'), message]),
  );
}
