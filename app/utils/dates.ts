import { format, parseISO } from "date-fns";

const toDate = (value: string | Date) => (typeof value === "string" ? parseISO(value) : value);

/** "31 December 2027", the GOV.UK date style. */
export const formatDate = (value: string | Date) => format(toDate(value), "d MMMM yyyy");

/** "29 November 2026 at 3:04pm". */
export const formatDateTime = (value: string | Date) =>
  `${format(toDate(value), "d MMMM yyyy")} at ${format(toDate(value), "h:mmaaa")}`;
