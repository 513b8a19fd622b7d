import { format, parseISO } from "date-fns";

const toDate = (value: string | Date) => (typeof value === "string" ? parseISO(value) : value);

/** "31 December 2027", the GOV.UK date style, for calendar dates (no time of day). */
export const formatDate = (value: string | Date) => format(toDate(value), "d MMMM yyyy");

// Moments are shown in UK time wherever the server or browser is, so server and browser agree.
const ukDay = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });
const ukTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", minute: "2-digit", hour12: true });

/** "29 November 2026 at 3:04pm", in UK time. */
export const formatDateTime = (value: string | Date) => {
  const date = toDate(value);
  return `${ukDay.format(date)} at ${ukTime.format(date).replace(/\s/g, "").toLowerCase()}`;
};
