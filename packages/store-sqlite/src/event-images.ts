import { canChangeImage, type EventStore, type SetEventImageResult } from '@ticketbooth/core';
import type { Sql } from './db.js';
import { loadEvent } from './events.js';
import { imageText } from './rows.js';

/** The event's cover image, swapped in one transaction so two uploads never both think they replaced the same one. */
export function sqliteEventImages(sql: Sql): Pick<EventStore, 'setEventImage'> {
  return {
    async setEventImage(id, image, now) {
      return sql.immediate((): SetEventImageResult => {
        const current = loadEvent(sql, id);
        if (!current) return { ok: false, reason: 'not_found' };
        if (!canChangeImage(current.status)) return { ok: false, reason: 'invalid_state' };
        sql.q('UPDATE events SET image = ?, updated_at = ? WHERE id = ?').run(imageText(image), now, id);
        return { ok: true, event: loadEvent(sql, id)!, previous: current.image };
      });
    },
  };
}
