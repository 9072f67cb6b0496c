/** A stored instant as the API writes it (ISO 8601, UTC); null stays null. The one copy presenters use. */
export function iso(d: Date): string;
export function iso(d: Date | null): string | null;
export function iso(d: Date | null): string | null {
  return d ? new Date(d).toISOString() : null;
}
