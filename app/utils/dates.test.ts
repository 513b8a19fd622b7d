import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "./dates";

describe("dates", () => {
  it("formats calendar dates the GOV.UK way", () => {
    expect(formatDate("2027-12-31")).toBe("31 December 2027");
  });
  it("formats moments in UK time, summer time included", () => {
    expect(formatDateTime("2026-11-29T15:04:00Z")).toBe("29 November 2026 at 3:04pm");
    expect(formatDateTime("2026-07-01T09:30:00Z")).toBe("1 July 2026 at 10:30am");
  });
  it("says the hour after midnight and after noon as twelve, as browsers do", () => {
    expect(formatDateTime("2026-11-30T00:30:00Z")).toBe("30 November 2026 at 12:30am");
    expect(formatDateTime("2026-11-30T12:05:00Z")).toBe("30 November 2026 at 12:05pm");
  });
});
