import { format, parseISO } from "date-fns";

const toDate = (value: string | Date) => (typeof value === "string" ? parseISO(value) : value);

/** "31 December 2027", the GOV.UK date style, for calendar dates (no time of day). */
export const formatDate = (value: string | Date) => format(toDate(value), "d MMMM yyyy");

// Moments are shown in UK time wherever the server or browser is, so server and browser agree.
// hourCycle "h12", not hour12: with hour12 Node's en-GB says "0:30am" after midnight where
// Chromium says "12:30am", and the page failed to hydrate for that hour of every night.
const ukDay = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });
const ukTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", minute: "2-digit", hourCycle: "h12" });

/** "29 November 2026 at 3:04pm", in UK time. */
export const formatDateTime = (value: string | Date) => {
  const date = toDate(value);
  return `${ukDay.format(date)} at ${ukTime.format(date).replace(/\s/g, "").toLowerCase()}`;
};
