import { useState } from 'react';
import { api, ok } from '../api/client.js';
import type { Quote } from '../api/shapes.js';
import { formatMoney } from '../format.js';
import { useAction } from '../hooks.js';
import { TextField } from './TextField.js';

/**
 * The attendee's promo code: "Apply" asks the server what the order costs with it (nothing is
 * held), and shows the discount before registering. The applied quote is for the lines it was
 * asked with; the parent drops it when they change.
 */
export function PromoCodeField({
  eventId,
  lines,
  quote,
  onQuote,
}: {
  eventId: string;
  lines: { ticketTypeId: string; quantity: number }[];
  quote: Quote | null;
  onQuote: (quote: Quote | null) => void;
}) {
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();

  async function apply() {
    onQuote(null);
    const answer = await run(() => ok(api.POST('/api/events/{id}/quote', { params: { path: { id: eventId } }, body: { lines, promoCode: code.trim() } })));
    if (answer) onQuote(answer);
  }

  return (
    <div className="promo-code">
      <div className="row wrap">
        <TextField id="promo-code" label="Promo code" value={code} autoComplete="off" error={error ?? undefined}
          onChange={(e) => setCode(e.target.value)} />
        <button type="button" className="button button-secondary" disabled={busy || code.trim() === '' || lines.length === 0} onClick={apply}>
          Apply
        </button>
      </div>
      {quote?.promoCode && (
        <p aria-live="polite" data-testid="promo-discount">
          {quote.promoCode}: −{formatMoney(quote.discountCents, quote.currency)}
        </p>
      )}
    </div>
  );
}
