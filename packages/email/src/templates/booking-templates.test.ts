import { translate } from "@mentora/i18n";
import { describe, expect, it } from "vitest";
import { renderBookingCancelled } from "./booking-cancelled.ts";
import { renderBookingConfirmed } from "./booking-confirmed.ts";
import type { BookingEmailInput } from "./booking-email.ts";
import { renderBookingReminder } from "./booking-reminder.ts";
import { renderBookingRescheduled } from "./booking-rescheduled.ts";
import { formatBookingTime } from "./booking-time.ts";

/** ICU puts thin and narrow no-break spaces around "–" and before "PM": compare as plain spaces. */
function plain(value: string): string {
  return value.replace(/[\u2009\u202f]/g, " ");
}

const base: BookingEmailInput = {
  locale: "en",
  timeZone: "Europe/Paris",
  role: "mentee",
  recipientName: "Ada",
  counterpartName: "Grace",
  offeringTitle: "CV review",
  startsAt: new Date("2026-03-05T13:00:00Z"),
  endsAt: new Date("2026-03-05T14:00:00Z"),
  bookingUrl: "https://app.mentora.test/bookings/b-1",
};

describe("formatBookingTime", () => {
  it("shows the range in the recipient's timezone and language, naming the zone", () => {
    expect(plain(formatBookingTime(base, { locale: "en", timeZone: "Europe/Paris" }))).toBe(
      "Thursday, March 5, 2026, 2:00 – 3:00 PM (Central European Standard Time)",
    );
    expect(plain(formatBookingTime(base, { locale: "fr", timeZone: "America/New_York" }))).toBe(
      "jeudi 5 mars 2026, 08:00 – 09:00 (heure normale de l’Est nord-américain)",
    );
    expect(plain(formatBookingTime(base, { locale: "en", timeZone: "UTC" }))).toContain(
      "1:00 – 2:00 PM (Coordinated Universal Time)",
    );
  });
});

describe("renderBookingConfirmed", () => {
  it("tells the mentee their booking is confirmed, and the mentor who booked", () => {
    const mentee = renderBookingConfirmed(base);
    const mentor = renderBookingConfirmed({ ...base, role: "mentor", counterpartName: "Ada" });
    expect(mentee.subject).toBe("Booking confirmed: CV review with Grace");
    expect(plain(mentee.text)).toContain("Your booking is confirmed: “CV review” with Grace.");
    expect(mentor.subject).toBe("New booking: CV review with Ada");
    expect(plain(mentor.text)).toContain("Ada booked “CV review” with you.");
    expect(plain(mentee.text)).toContain("When: Thursday, March 5, 2026, 2:00 – 3:00 PM");
    expect(plain(mentee.text)).toContain(base.bookingUrl);
    expect(mentee.html).toContain(`href="${base.bookingUrl}"`);
  });

  it("speaks French to a French reader", () => {
    const email = renderBookingConfirmed({ ...base, locale: "fr" });
    expect(email.subject).toBe(
      translate("fr", "email.booking.confirmed.menteeSubject", {
        title: "CV review",
        name: "Grace",
      }),
    );
    expect(plain(email.text)).toContain("Bonjour Ada,");
    expect(plain(email.text)).toContain("jeudi 5 mars 2026, 14:00 – 15:00");
    expect(email.html).toContain('<html lang="fr">');
  });

  it("escapes names and titles in html; keeps the subject on one line", () => {
    const email = renderBookingConfirmed({
      ...base,
      recipientName: "<b>Ada</b>",
      counterpartName: "<img src=x onerror=alert(1)>\nBcc: x@y.z",
      offeringTitle: "A & B",
    });
    expect(email.html).not.toContain("<img");
    expect(email.html).not.toContain("<b>Ada");
    expect(email.html).toContain("A &amp; B");
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});

describe("renderBookingCancelled", () => {
  it("says who cancelled, from the reader's side, and the reason", () => {
    const byYou = renderBookingCancelled({ ...base, cancelledBy: "MENTEE", reason: "Sick" });
    expect(plain(byYou.text)).toContain("You cancelled “CV review” with Grace.");
    expect(plain(byYou.text)).toContain("Reason given: Sick");
    expect(plain(byYou.text)).toContain("It was planned for Thursday, March 5, 2026");

    const toMentor = renderBookingCancelled({
      ...base,
      role: "mentor",
      counterpartName: "Ada",
      cancelledBy: "MENTEE",
      reason: null,
    });
    expect(plain(toMentor.text)).toContain("Ada cancelled “CV review”.");
    expect(plain(toMentor.text)).not.toContain("Reason");

    const byMentor = renderBookingCancelled({ ...base, cancelledBy: "MENTOR", reason: "  " });
    expect(plain(byMentor.text)).toContain("Grace cancelled “CV review”.");
    expect(plain(byMentor.text)).not.toContain("Reason");

    expect(renderBookingCancelled({ ...base, cancelledBy: "ADMIN" }).text).toContain(
      "The Mentora team cancelled",
    );
    expect(renderBookingCancelled({ ...base, cancelledBy: "SYSTEM" }).text).toContain(
      "“CV review” with Grace was cancelled.",
    );
    expect(byYou.subject).toBe("Cancelled: CV review with Grace");
  });
});

describe("renderBookingRescheduled", () => {
  it("shows the old and the new time", () => {
    const email = renderBookingRescheduled({
      ...base,
      previous: {
        startsAt: new Date("2026-03-04T09:00:00Z"),
        endsAt: new Date("2026-03-04T10:00:00Z"),
      },
    });
    expect(plain(email.text)).toContain("Previously: Wednesday, March 4, 2026, 10:00 – 11:00 AM");
    expect(plain(email.text)).toContain("Now: Thursday, March 5, 2026, 2:00 – 3:00 PM");
    expect(plain(renderBookingRescheduled(base).text)).not.toContain("Previously");
  });
});

describe("renderBookingReminder", () => {
  it("words the day-before and the hour-before reminders differently", () => {
    const day = renderBookingReminder({ ...base, kind: "24h" });
    const hour = renderBookingReminder({ ...base, kind: "1h", locale: "fr" });
    expect(day.subject).toBe("Tomorrow: CV review with Grace");
    expect(plain(day.text)).toContain("starts in 24 hours");
    expect(hour.subject).toBe("Dans 1\u00a0heure\u00a0: CV review avec Grace");
    expect(plain(hour.text)).toContain("commence dans 1\u00a0heure");
  });
});
