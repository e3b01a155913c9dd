import { useState, type FormEvent } from 'react';
import { api, ok } from '../api/client.js';
import type { TicketEvent } from '../api/shapes.js';
import { majorUnits } from '@ticketbooth/core/money';
import { formatMoney } from '../format.js';
import { useAction, useLoad } from '../hooks.js';
import { BusyButton, ErrorMessage, Loading } from './Feedback.js';
import { TextField } from './TextField.js';

/** The event's promo codes on its dashboard: create one (percent or amount off), see the uses, disable. */
export function PromoCodesPanel({ event }: { event: TicketEvent }) {
  const { data, error: loadError, reload } = useLoad(async () => (await ok(api.GET('/api/events/{id}/promo-codes', { params: { path: { id: event.id } } }))).items, [event.id]);
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const [amount, setAmount] = useState('');
  const [maxUses, setMaxUses] = useState('');
  const { busy, error, run } = useAction();

  async function create(e: FormEvent) {
    e.preventDefault();
    // A percent, or an amount typed in the currency's major unit (the API takes minor units: one minor unit is majorUnits(1)).
    const value = Number(amount.replace(',', '.'));
    const created = await run(() =>
      ok(api.POST('/api/events/{id}/promo-codes', {
        params: { path: { id: event.id } },
        body: {
          code: code.trim(),
          ...(kind === 'percent' ? { percentOff: value } : { amountOffCents: Math.round(value / majorUnits(1, event.currency)) }),
          ...(maxUses.trim() ? { maxUses: Number(maxUses) } : {}),
        },
      })),
    );
    if (!created) return;
    setCode('');
    setAmount('');
    setMaxUses('');
    reload();
  }

  async function disable(promoId: string) {
    if ((await run(() => ok(api.DELETE('/api/events/{id}/promo-codes/{promoId}', { params: { path: { id: event.id, promoId } } })))) !== undefined) reload();
  }

  return (
    <section aria-labelledby="promo-heading">
      <h2 id="promo-heading">Promo codes</h2>
      <form onSubmit={create} className="row wrap" aria-label="New promo code">
        <TextField id="new-promo-code" label="Code" value={code} required onChange={(e) => setCode(e.target.value)} />
        <div className="field">
          <label htmlFor="new-promo-kind">Discount</label>
          <select id="new-promo-kind" value={kind} onChange={(e) => setKind(e.target.value as 'percent' | 'amount')}>
            <option value="percent">Percent off</option>
            <option value="amount">Amount off ({event.currency}) per ticket</option>
          </select>
        </div>
        <TextField id="new-promo-amount" label={kind === 'percent' ? 'Percent' : `Amount (${event.currency})`} inputMode="decimal" value={amount} required onChange={(e) => setAmount(e.target.value)} />
        <TextField id="new-promo-max-uses" label="Max uses (optional)" inputMode="numeric" value={maxUses} onChange={(e) => setMaxUses(e.target.value)} />
        <BusyButton busy={busy}>Create code</BusyButton>
      </form>
      <ErrorMessage message={error ?? loadError} />
      {!data ? (
        !loadError && <Loading what="the promo codes" />
      ) : data.length === 0 ? (
        <p className="muted">No promo codes yet.</p>
      ) : (
        <table className="table" data-testid="promo-codes">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Discount</th>
              <th scope="col">Uses</th>
              <th scope="col">Status</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {data.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.code}</th>
                <td>{p.percentOff !== null ? `${p.percentOff}%` : `${formatMoney(p.amountOffCents ?? 0, event.currency)} per ticket`}</td>
                <td>{p.maxUses === null ? p.uses : `${p.uses} / ${p.maxUses}`}</td>
                <td>{p.disabled ? 'Disabled' : 'Active'}</td>
                <td>
                  {!p.disabled && (
                    <button type="button" className="button button-secondary" disabled={busy} onClick={() => disable(p.id)}>
                      Disable {p.code}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
