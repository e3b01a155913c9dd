import { Link } from 'react-router';
import type { TicketEvent } from '../api/shapes.js';
import { formatEventWhen } from '@ticketbooth/core/when';
import { formatPrice } from '../format.js';
import { EventImage } from './EventImage.js';

export function lowestPrice(event: TicketEvent): number {
  return Math.min(...event.ticketTypes.map((t) => t.priceCents));
}

export function EventCard({ event }: { event: TicketEvent }) {
  const soldOut = event.spotsRemaining <= 0;
  return (
    <li className="card event-card">
      <EventImage image={event.image} className="event-card-image" sizes="(min-width: 1100px) 340px, (min-width: 720px) 45vw, (min-width: 641px) 92vw, 88px" />
      <p className="eyebrow">{event.category}</p>
      <h2 className="card-title">
        <Link to={`/events/${event.id}`}>{event.name}</Link>
      </h2>
      <p>
        <time dateTime={event.startsAt}>{formatEventWhen(event)}</time>
      </p>
      <p className="muted">{event.location}</p>
      <p className="card-footer">
        <span className="price">
          {event.ticketTypes.length > 1 ? 'From ' : ''}
          {formatPrice(lowestPrice(event), event.currency)}
        </span>
        <span className={soldOut ? 'pill pill-danger' : 'pill'}>{soldOut ? 'Sold out' : `${event.spotsRemaining} ${event.spotsRemaining === 1 ? 'spot' : 'spots'} left`}</span>
      </p>
    </li>
  );
}
