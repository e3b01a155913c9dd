/** Building an Intl formatter costs more than formatting with it. */
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'code' });
    formatters.set(currency, formatter);
  }
  return formatter;
}

/**
 * An amount in minor units as a person reads it, with the ISO code ("EUR 15.00", "JPY 1,500"):
 * the currency's own number of decimals decides what one minor unit is.
 */
export function formatAmount(minorUnits: number, currency: string): string {
  const formatter = formatterFor(currency.toUpperCase());
  const decimals = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  // Intl puts a no-break space after the code; a mail reads better with a plain one.
  return formatter.format(minorUnits / 10 ** decimals).replace(/\u00a0/g, ' ');
}
