/** Categories offered in filters and the event form (the API accepts any text). */
export const CATEGORIES = [
  'Technology',
  'Music',
  'Business',
  'Food & Drink',
  'Sports',
  'Comedy',
  'Arts',
  'Health & Wellness',
  'Gaming',
  'Community',
  'Other',
];
