/** One form of a prepared answer: its bytes and a tag naming that version of them. */
export interface PreparedBytes {
  readonly bytes: Uint8Array;
  readonly tag: string;
}

/** A public answer prepared once for every reader: as is, and compressed. */
export interface PreparedAnswer extends PreparedBytes {
  readonly compressed: PreparedBytes;
}
