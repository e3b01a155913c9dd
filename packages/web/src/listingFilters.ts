/** The listing's filters as the query string holds them. */
export interface ListingFilters {
  q: string;
  category: string;
  /** Calendar days, YYYY-MM-DD, both included. */
  from: string;
  to: string;
}

/** The filters in `params`, and whether the date range runs backwards (which no event can match). */
export function listingFilters(params: URLSearchParams): ListingFilters & { reversed: boolean } {
  const get = (key: keyof ListingFilters) => params.get(key)?.trim() ?? '';
  const filters = { q: get('q'), category: get('category'), from: get('from'), to: get('to') };
  // Same-length ISO days compare as text.
  return { ...filters, reversed: Boolean(filters.from && filters.to && filters.to < filters.from) };
}
