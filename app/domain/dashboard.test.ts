import { describe, expect, it } from "vitest";
import { overallStatus, readDashboardFilter, statementsAgreedSummary } from "./dashboard";

const m = (name: string, status: "on_track" | "at_risk" | "off_track" | "no_data") => ({ name, status });

describe("a priority's overall status", () => {
  it("is off track when any measure is off track, whatever the others say", () => {
    expect(overallStatus([m("Pay", "on_track"), m("Vacancy rate", "off_track"), m("Turnover", "at_risk")])).toEqual({
      status: "off_track",
      reason: "1 of 3 measures is off track: Vacancy rate",
    });
  });

  it("is at risk when none is off track and any is at risk, naming each", () => {
    expect(overallStatus([m("Pay", "at_risk"), m("Vacancy rate", "on_track"), m("Turnover", "at_risk")])).toEqual({
      status: "at_risk",
      reason: "2 of 3 measures are at risk: Pay and Turnover",
    });
  });

  it("is on track when any is on track and none is behind, even if others have no data yet", () => {
    expect(overallStatus([m("Pay", "no_data"), m("Vacancy rate", "on_track")])).toEqual({
      status: "on_track",
      reason: "1 of 2 measures is on track: Vacancy rate",
    });
  });

  it("has no data yet when no measure has verified data, or there are no measures", () => {
    expect(overallStatus([m("Pay", "no_data"), m("Turnover", "no_data")])).toEqual({
      status: "no_data",
      reason: "None of its 2 measures has verified data yet.",
    });
    expect(overallStatus([m("Pay", "no_data")])).toEqual({ status: "no_data", reason: "Its measure has no verified data yet." });
    expect(overallStatus([])).toEqual({ status: "no_data", reason: "No measures show progress on this priority yet." });
  });

  it("lists three or more measures with commas and a final 'and'", () => {
    expect(overallStatus([m("A", "off_track"), m("B", "off_track"), m("C", "off_track")]).reason).toBe(
      "3 of 3 measures are off track: A, B and C",
    );
  });
});

describe("the dashboard's filter and words", () => {
  it("reads a responsible party from the address and ignores anything else", () => {
    expect(readDashboardFilter(new URL("http://x/?party=regulators"))).toEqual({ party: "regulators" });
    expect(readDashboardFilter(new URL("http://x/?party=everyone"))).toEqual({});
    expect(readDashboardFilter(new URL("http://x/"))).toEqual({});
  });

  it("says how many statements are agreed", () => {
    expect(statementsAgreedSummary({ total: 3, agreed: 1 })).toBe("1 of 3 statements agreed");
    expect(statementsAgreedSummary({ total: 1, agreed: 1 })).toBe("1 of 1 statement agreed");
    expect(statementsAgreedSummary({ total: 0, agreed: 0 })).toBe("No statements are linked to this priority yet.");
  });
});
