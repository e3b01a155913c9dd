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
  // Intl puts a no-break space after the code; a mail reads better with a plain one.
  return formatterFor(currency.toUpperCase()).format(majorUnits(minorUnits, currency)).replace(/\u00a0/g, ' ');
}

/** Minor units as the currency's major unit: 1500 cents are 15 EUR, but 1500 JPY are 1500 yen. */
export function majorUnits(minorUnits: number, currency: string): number {
  return minorUnits / 10 ** decimalsOf(currency);
}

/** Minor units as a plain decimal in the currency's own digits, for a spreadsheet: EUR 1500 "15.00", JPY 1500 "1500". */
export function decimalAmount(minorUnits: number, currency: string): string {
  return majorUnits(minorUnits, currency).toFixed(decimalsOf(currency));
}

function decimalsOf(currency: string): number {
  return formatterFor(currency.toUpperCase()).resolvedOptions().maximumFractionDigits ?? 2;
}
