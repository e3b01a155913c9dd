/** The event's attendee policy in words, as the event page shows it. */
export function cancellationPolicy(cutoffHours: number | null): string {
  if (cutoffHours === null) return 'Paid orders cannot be cancelled here; contact the organizer. Free tickets can be cancelled until the start.';
  if (cutoffHours === 0) return 'Orders can be cancelled (paid ones refunded) until the start.';
  return `Paid orders can be cancelled and refunded until ${hoursInWords(cutoffHours)} before the start; free tickets until the start.`;
}

function hoursInWords(hours: number): string {
  if (hours % 24 === 0 && hours >= 48) return `${hours / 24} days`;
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}
