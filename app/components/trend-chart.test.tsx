import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TrendChart, TrendTable } from "./trend-chart";

const vacancy = {
  name: "Vacancy rate",
  unit: "percentage" as const,
  baseline: { value: 7.8, date: "2020-03-31" },
  target: { value: 5, date: "2030-03-31" },
  points: [
    { date: "2024-03-31", value: 8.1, verified: true },
    { date: "2026-03-31", value: 6.8, verified: false },
    { date: "2025-03-31", value: 7, verified: true },
  ],
  status: "at_risk" as const,
};

/** The markup as the server sends it; `chart` is the chart's own SVG (the key's swatches follow it). */
function render(element: JSX.Element) {
  const html = renderToStaticMarkup(element);
  return { html, chart: html.slice(0, html.indexOf("</svg>")) };
}

/** Every match of a pattern's first group. */
const all = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]);
const count = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].length;
const text = (html: string) => html.replace(/<[^>]*>/g, "").trim();

/** The body rows of a table, as the text of each cell. */
const tableRows = (html: string) =>
  all(html.slice(html.indexOf("<tbody")), /<tr[^>]*>(.*?)<\/tr>/g).map((row) => all(row, /<t[hd][^>]*>(.*?)<\/t[hd]>/g).map(text));

/** The points of an SVG path made of M and L commands. */
const pointsOf = (d: string) => [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe("TrendChart", () => {
  it("is one image with a summary in words, drawn without colour as the only signal", () => {
    const { html, chart } = render(<TrendChart {...vacancy} />);
    expect(chart).toMatch(/^<figure[^>]*><svg [^>]*role="img"/);
    expect(all(chart, /aria-label="([^"]*)"/g)).toEqual([
      "Vacancy rate: baseline 7.8% in March 2020, target 5% by March 2030, 2 verified values, 1 not yet verified, latest verified 7% as at March 2025. At risk.",
    ]);
    // Verified values are filled circles; a value not yet verified is a hollow diamond.
    expect(count(chart, /<circle class="app-trend__point"/g)).toBe(2);
    expect(count(chart, /<path class="app-trend__point app-trend__point--unverified"/g)).toBe(1);
    expect(all(chart, /class="app-trend__status[^"]*"[^>]*>([^<]*)</g)).toEqual(["! At risk: latest verified 7%"]);
    expect(all(html, /<li>(.*?)<\/li>/g).map(text)).toEqual([
      "Verified value",
      "Not yet verified (does not count)",
      "Path from baseline to target",
      "Baseline",
      "Target",
    ]);
  });

  it("draws the path from the baseline to the target, and the line of verified values in date order from the baseline", () => {
    const { chart } = render(<TrendChart {...vacancy} />);
    const path = pointsOf(all(chart, /class="app-trend__path" d="([^"]*)"/g)[0]);
    expect(path).toHaveLength(2);
    const [start, end] = path;
    // Left to right; the target is lower than the baseline, so further down the picture (a larger y).
    expect(start[0]).toBeLessThan(end[0]);
    expect(start[1]).toBeLessThan(end[1]);
    const actual = pointsOf(all(chart, /class="app-trend__actual" d="([^"]*)"/g)[0]);
    expect(actual).toHaveLength(3);
    expect(actual[0]).toEqual(start);
    expect(actual.map(([x]) => x)).toEqual([...actual.map(([x]) => x)].sort((a, b) => a - b));
  });

  it("labels the axes with the unit and the years", () => {
    const { chart } = render(<TrendChart {...vacancy} />);
    const labels = all(chart, /<text[^>]*>([^<]*)<\/text>/g);
    expect(labels).toContain("8%");
    expect(labels).toContain("2024");
    expect(chart).not.toContain("NaN");
  });

  it("has a compact size for lists and the dashboard: fewer labels and no key", () => {
    const { html, chart } = render(<TrendChart {...vacancy} compact />);
    expect(all(chart, /viewBox="([^"]*)"/g)).toEqual(["0 0 260 110"]);
    expect(html).not.toContain("app-trend__legend");
    expect(all(chart, /class="app-trend__status[^"]*"[^>]*>([^<]*)</g)).toEqual(["! At risk"]);
    expect(all(chart, /aria-label="([^"]*)"/g)[0]).toMatch(/^Vacancy rate: baseline 7.8%/);
  });

  it("copes with a measure whose values never change", () => {
    const { html } = render(
      <TrendChart name="Flat" unit="count" baseline={{ value: 10, date: "2020-01-01" }} target={{ value: 10, date: "2021-01-01" }} points={[]} status="no_data" />,
    );
    expect(html).not.toContain("NaN");
    expect(html).toContain("– No data yet");
  });
});

describe("TrendTable", () => {
  it("lists the baseline, each value (marking those not yet verified) and the target, saying when it is an example", () => {
    const { html } = render(
      <TrendTable
        caption="Vacancy rate: baseline, reported values and target"
        unit="percentage"
        baseline={{ value: 7.8, date: "2020-03-31", source: "Skills for Care estimates" }}
        target={{ value: 5, date: "2030-03-31", isExample: true }}
        rows={[
          { id: "a", periodStart: "2024-04-01", periodEnd: "2025-03-31", value: 7, judgement: null, verified: true, source: "ASC-WDS" },
          { id: "b", periodStart: null, periodEnd: "2026-03-31", value: 6.8, judgement: null, verified: false, source: "Local data" },
        ]}
      />,
    );
    expect(all(html, /<caption[^>]*>(.*?)<\/caption>/g)).toEqual(["Vacancy rate: baseline, reported values and target"]);
    expect(all(html.slice(0, html.indexOf("<tbody")), /<th ([^>]*)>/g).every((a) => a.includes('scope="col"'))).toBe(true);
    expect(all(html.slice(html.indexOf("<tbody")), /<th ([^>]*)>/g).every((a) => a.includes('scope="row"'))).toBe(true);
    const rows = tableRows(html);
    expect(rows).toEqual([
      ["31 March 2020", "7.8%", "Baseline: Skills for Care estimates"],
      ["1 April 2024 to 31 March 2025", "7%", "Verified · ASC-WDS"],
      ["Period ending 31 March 2026", "6.8%", "Not yet verified · Local data"],
      ["31 March 2030", "5%", "Target (an example, not yet agreed)"],
    ]);
  });

  it("shows a milestone's judgements and its date", () => {
    const { html } = render(
      <TrendTable
        caption="People plan: milestones reported"
        unit={null}
        baseline={null}
        target={{ value: null, date: "2027-03-31", isExample: false }}
        rows={[{ id: "a", periodStart: null, periodEnd: "2025-09-30", value: null, judgement: "on_track", verified: true, source: "Partners" }]}
      />,
    );
    expect(tableRows(html)).toEqual([
      ["Period ending 30 September 2025", "On track", "Verified · Partners"],
      ["31 March 2027", "–", "Milestone date"],
    ]);
  });
});
