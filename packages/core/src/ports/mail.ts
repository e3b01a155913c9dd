export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** What the local dev mailbox shows: a sent message without its attachment bytes. */
export interface MailboxEntry {
  id: string;
  to: string;
  subject: string;
  text: string;
  sentAt: string;
  attachments: { filename: string; contentType: string; size: number }[];
}

/** The local outbox of sent mail, read by GET /api/dev/mailbox. */
export interface Mailbox {
  record(entry: MailboxEntry): Promise<void>;
  list(to: string | null, limit: number): Promise<MailboxEntry[]>;
}
