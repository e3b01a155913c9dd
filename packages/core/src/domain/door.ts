/** The door name recorded for scans the organizer makes with their own login. */
export const ORGANIZER_DOOR = 'Organizer';

/** A gate's list: the ticket types it admits (empty: every type). */
export interface CheckInList {
  id: string;
  eventId: string;
  name: string;
  ticketTypeIds: string[];
  createdAt: string;
}

/** A link that lets a phone scan for one event (and list) without an account. */
export interface ScannerLink {
  id: string;
  eventId: string;
  name: string;
  checkinListId: string | null;
  /** sha256 of the link's secret (base64url); the secret itself is shown once, never stored. */
  secretHash: string;
  expiresAt: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  scanCount: number;
}

/** Who admitted a ticket first, as the door that did it. */
export interface FirstAdmission {
  firstCheckedInAt: string;
  firstBy: string;
}

/** A ticket shown admitted at a door (offline) after another door had already admitted it. */
export interface CheckInConflict extends FirstAdmission {
  id: string;
  eventId: string;
  ticketId: string;
  attendeeName: string;
  ticketTypeName: string;
  /** When the later door scanned it, and which door (link or organizer) and device. */
  laterScannedAt: string;
  laterBy: string;
  laterDeviceId: string | null;
  recordedAt: string;
}

/** A ticket as a door needs it offline: no emails, no QR. `changedAt` orders incremental sync. */
export interface DoorTicket {
  id: string;
  code: string;
  attendeeName: string;
  ticketTypeId: string;
  ticketTypeName: string;
  status: 'valid' | 'used' | 'cancelled';
  checkedInAt: string | null;
  /** The door that admitted it (a scanner link's name, or the organizer), so other doors can say where. */
  checkedInBy: string | null;
  changedAt: string;
}

/** Per ticket type: tickets not cancelled (expected at the door) and those already used. */
export interface DoorTypeCount {
  ticketTypeId: string;
  expected: number;
  checkedIn: number;
}
