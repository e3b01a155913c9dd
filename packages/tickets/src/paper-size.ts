/** Ticket paper: US Letter where people print on it, A4 elsewhere. */
export type PaperSize = 'A4' | 'LETTER';

/** `auto`: by the event's country, read from its time zone; `a4` / `letter`: always that size. */
export type PaperSetting = 'auto' | 'a4' | 'letter';

/**
 * Time zones of the countries that print on Letter: the United States and its territories,
 * Canada, Mexico, the Philippines, and the Central and South American countries that use it
 * (Chile, Colombia, Venezuela, Guatemala, Costa Rica, El Salvador, Nicaragua, Honduras, Panama,
 * the Dominican Republic). An event carries no country, but its time zone names one.
 */
const LETTER_ZONES = new Set([
  // United States
  'America/New_York', 'America/Detroit', 'America/Chicago', 'America/Denver', 'America/Boise', 'America/Phoenix', 'America/Los_Angeles',
  'America/Anchorage', 'America/Juneau', 'America/Sitka', 'America/Metlakatla', 'America/Yakutat', 'America/Nome', 'America/Adak',
  'America/Menominee', 'America/Puerto_Rico', 'America/St_Thomas', 'Pacific/Honolulu', 'Pacific/Guam', 'Pacific/Saipan', 'Pacific/Pago_Pago',
  // Canada
  'America/Toronto', 'America/Vancouver', 'America/Edmonton', 'America/Winnipeg', 'America/Halifax', 'America/St_Johns', 'America/Regina',
  'America/Moncton', 'America/Glace_Bay', 'America/Goose_Bay', 'America/Iqaluit', 'America/Rankin_Inlet', 'America/Resolute',
  'America/Cambridge_Bay', 'America/Inuvik', 'America/Whitehorse', 'America/Dawson', 'America/Dawson_Creek', 'America/Fort_Nelson',
  'America/Creston', 'America/Swift_Current', 'America/Atikokan', 'America/Blanc-Sablon', 'America/Montreal', 'America/Nipigon', 'America/Thunder_Bay',
  // Mexico
  'America/Mexico_City', 'America/Cancun', 'America/Merida', 'America/Monterrey', 'America/Matamoros', 'America/Chihuahua', 'America/Ciudad_Juarez',
  'America/Ojinaga', 'America/Mazatlan', 'America/Bahia_Banderas', 'America/Hermosillo', 'America/Tijuana',
  // Elsewhere
  'Asia/Manila', 'America/Santiago', 'America/Punta_Arenas', 'Pacific/Easter', 'America/Bogota', 'America/Caracas', 'America/Guatemala',
  'America/Costa_Rica', 'America/El_Salvador', 'America/Managua', 'America/Tegucigalpa', 'America/Panama', 'America/Santo_Domingo',
]);

/** Old zone names (US/Eastern, Canada/Pacific, Mexico/General) name their country in the prefix. */
const LETTER_PREFIXES = ['US/', 'Canada/', 'Mexico/', 'America/Indiana/', 'America/Kentucky/', 'America/North_Dakota/'];

export function paperSizeFor(timeZone: string, setting: PaperSetting = 'auto'): PaperSize {
  if (setting === 'a4') return 'A4';
  if (setting === 'letter') return 'LETTER';
  return LETTER_ZONES.has(timeZone) || LETTER_PREFIXES.some((prefix) => timeZone.startsWith(prefix)) ? 'LETTER' : 'A4';
}
