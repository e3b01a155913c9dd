import { SUGGESTED_CATEGORIES } from '@ticketbooth/core/event';

/** Categories offered in filters and the event form (the API accepts any text). */
export const CATEGORIES: readonly string[] = SUGGESTED_CATEGORIES;
