/** The booking's page in the web app: `${PUBLIC_URL}/bookings/<id>`. */
export function bookingUrl(publicUrl: string, bookingId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/bookings/${encodeURIComponent(bookingId)}`;
}
