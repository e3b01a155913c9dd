import type { TicketTypeSales } from '../api/shapes.js';
import { formatMoney } from '../format.js';

/** Sold, revenue and check-ins per ticket type (scrolls sideways on a phone). */
export function SalesByTypeTable({ rows, currency }: { rows: TicketTypeSales[]; currency: string }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Sales by ticket type">
      <table className="table" data-testid="sales-by-type">
        <thead>
          <tr>
            <th scope="col">Ticket type</th>
            <th scope="col" className="num">Sold</th>
            <th scope="col" className="num">Revenue</th>
            <th scope="col" className="num">Checked in</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.ticketTypeId}>
              <th scope="row">{row.name}</th>
              <td className="num">{row.sold}</td>
              <td className="num">{formatMoney(row.revenueCents, currency)}</td>
              <td className="num">
                {row.checkedIn} / {row.sold}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
