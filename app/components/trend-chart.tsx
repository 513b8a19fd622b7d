import { scaleLinear, scaleUtc } from "d3-scale";
import { line } from "d3-shape";
import {
  describeTrend,
  formatMeasureValue,
  judgementLabels,
  ragStatusLabels,
  ragStatusSymbols,
  type Judgement,
  type MeasureUnit,
  type RagStatus,
} from "~/domain/measures";
import { formatDate } from "~/utils/dates";

/**
 * A measure over time as SVG, drawn on the server (no JavaScript needed): the baseline, each data
 * point, the target, and the straight-line path between baseline and target. d3 works out the
 * scales and the lines; React draws them. Colour is never the only signal: verified values are
 * filled circles and values not yet verified hollow diamonds, the path is dashed, the status is
 * written with its symbol, and the chart's text alternative summarises it in words. The table
 * (TrendTable) is the same data for everyone.
 */

export type TrendPoint = { date: string; value: number; verified: boolean };

/** The baseline and target to draw a chart between, for a quantitative measure that has both; null otherwise. */
export function chartEnds(m: {
  kind: string;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
}) {
  if (m.kind !== "quantitative" || m.baselineValue === null || !m.baselineDate || m.targetValue === null || !m.targetDate) return null;
  return { baseline: { value: m.baselineValue, date: m.baselineDate }, target: { value: m.targetValue, date: m.targetDate } };
}

type TrendChartProps = {
  name: string;
  unit: MeasureUnit | null;
  baseline: { value: number; date: string };
  target: { value: number; date: string };
  points: TrendPoint[];
  status: RagStatus;
  /** A small chart for lists and the dashboard: fewer labels, no legend. */
  compact?: boolean;
};

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const sizes = {
  full: { width: 640, height: 320, margin: { top: 36, right: 24, bottom: 40, left: 72 }, font: 14, yTicks: 5, xTicks: 7, marker: 6 },
  compact: { width: 260, height: 110, margin: { top: 22, right: 10, bottom: 20, left: 44 }, font: 11, yTicks: 2, xTicks: 3, marker: 4 },
} as const;

export function TrendChart({ name, unit, baseline, target, points, status, compact = false }: TrendChartProps) {
  const size = compact ? sizes.compact : sizes.full;
  const { width, height, margin } = size;
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const dates = [baseline.date, target.date, ...sorted.map((p) => p.date)].map(day);
  const values = [baseline.value, target.value, ...sorted.map((p) => p.value)];
  let [low, high] = [Math.min(...values), Math.max(...values)];
  if (low === high) [low, high] = [low - 1, high + 1];
  const padding = (high - low) * 0.1;
  const x = scaleUtc()
    .domain([Math.min(...dates.map(Number)), Math.max(...dates.map(Number))])
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain([low - padding, high + padding])
    .nice(size.yTicks)
    .range([height - margin.bottom, margin.top]);
  const drawn = line<{ date: string; value: number }>()
    .x((p) => x(day(p.date)))
    .y((p) => y(p.value));
  const verified = sorted.filter((p) => p.verified);
  const path = drawn([baseline, target]) ?? "";
  const actual = drawn([baseline, ...verified]) ?? "";
  const summary = describeTrend({ name, unit, baseline, target, points: sorted, status });
  const latest = verified.at(-1);

  return (
    <figure className={`app-trend${compact ? " app-trend--compact" : ""}`}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="app-trend__chart"
        role="img"
        aria-label={summary}
        focusable="false"
        fontSize={size.font}
      >
        <g className="app-trend__grid">
          {y.ticks(size.yTicks).map((tick) => (
            <g key={`y${tick}`}>
              <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} />
              <text x={margin.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
                {formatMeasureValue(tick, unit)}
              </text>
            </g>
          ))}
          {x.ticks(size.xTicks).map((tick) => (
            <text key={`x${tick.toISOString()}`} x={x(tick)} y={height - margin.bottom + size.font + 6} textAnchor="middle">
              {tick.getUTCFullYear()}
            </text>
          ))}
          <line className="app-trend__axis" x1={margin.left} x2={width - margin.right} y1={height - margin.bottom} y2={height - margin.bottom} />
        </g>
        <path className="app-trend__path" d={path} />
        <path className="app-trend__actual" d={actual} />
        <rect
          className="app-trend__baseline"
          x={x(day(baseline.date)) - size.marker}
          y={y(baseline.value) - size.marker}
          width={size.marker * 2}
          height={size.marker * 2}
        />
        <g className="app-trend__target">
          <circle cx={x(day(target.date))} cy={y(target.value)} r={size.marker + 2} />
          <circle cx={x(day(target.date))} cy={y(target.value)} r={size.marker / 2} className="app-trend__target-centre" />
        </g>
        {sorted.map((p) =>
          p.verified ? (
            <circle key={`${p.date}-v`} className="app-trend__point" cx={x(day(p.date))} cy={y(p.value)} r={size.marker} />
          ) : (
            <path
              key={`${p.date}-u`}
              className="app-trend__point app-trend__point--unverified"
              d={diamond(x(day(p.date)), y(p.value), size.marker + 1)}
            />
          ),
        )}
        <text className={`app-trend__status app-trend__status--${status}`} x={width - margin.right} y={margin.top - 12} textAnchor="end">
          {`${ragStatusSymbols[status]} ${ragStatusLabels[status]}`}
          {latest && !compact ? `: latest verified ${formatMeasureValue(latest.value, unit)}` : ""}
        </text>
      </svg>
      {compact ? null : (
        <figcaption className="app-trend__legend">
          <span className="govuk-visually-hidden">Key: </span>
          <ul className="govuk-list app-trend__key">
            <li>
              <LegendSwatch kind="verified" /> Verified value
            </li>
            <li>
              <LegendSwatch kind="unverified" /> Not yet verified (does not count)
            </li>
            <li>
              <LegendSwatch kind="path" /> Path from baseline to target
            </li>
            <li>
              <LegendSwatch kind="baseline" /> Baseline
            </li>
            <li>
              <LegendSwatch kind="target" /> Target
            </li>
          </ul>
        </figcaption>
      )}
    </figure>
  );
}

/** A diamond (a square on its corner) centred on (cx, cy). */
const diamond = (cx: number, cy: number, r: number) => `M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z`;

function LegendSwatch({ kind }: { kind: "verified" | "unverified" | "path" | "baseline" | "target" }) {
  return (
    <svg viewBox="0 0 24 16" width="24" height="16" aria-hidden="true" focusable="false" className="app-trend__swatch">
      {kind === "verified" ? <circle className="app-trend__point" cx="12" cy="8" r="5" /> : null}
      {kind === "unverified" ? <path className="app-trend__point app-trend__point--unverified" d={diamond(12, 8, 6)} /> : null}
      {kind === "path" ? <path className="app-trend__path" d="M1,8L23,8" /> : null}
      {kind === "baseline" ? <rect className="app-trend__baseline" x="6" y="2" width="12" height="12" /> : null}
      {kind === "target" ? (
        <g className="app-trend__target">
          <circle cx="12" cy="8" r="7" />
          <circle cx="12" cy="8" r="3" className="app-trend__target-centre" />
        </g>
      ) : null}
    </svg>
  );
}

export type TrendTableRow = {
  id: string;
  periodStart: string | null;
  periodEnd: string;
  value: number | null;
  judgement: Judgement | null;
  verified: boolean;
  source: string;
};

/**
 * The chart's data as a table: the baseline, every reported value (those not yet verified say
 * so) and the target. For a milestone, each judgement.
 */
export function TrendTable({
  caption,
  unit,
  baseline,
  target,
  rows,
}: {
  caption: string;
  unit: MeasureUnit | null;
  baseline: { value: number; date: string; source: string | null } | null;
  target: { value: number | null; date: string | null; isExample: boolean } | null;
  rows: TrendTableRow[];
}) {
  return (
    <div className="app-table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Date or period
            </th>
            <th scope="col" className="govuk-table__header">
              {unit ? "Value" : "Judgement"}
            </th>
            <th scope="col" className="govuk-table__header">
              What it is
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {baseline ? (
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {formatDate(baseline.date)}
              </th>
              <td className="govuk-table__cell">{formatMeasureValue(baseline.value, unit)}</td>
              <td className="govuk-table__cell">Baseline{baseline.source ? `: ${baseline.source}` : ""}</td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.id} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {r.periodStart ? `${formatDate(r.periodStart)} to ${formatDate(r.periodEnd)}` : `Period ending ${formatDate(r.periodEnd)}`}
              </th>
              <td className="govuk-table__cell">
                {r.value !== null ? formatMeasureValue(r.value, unit) : r.judgement ? judgementLabels[r.judgement] : "–"}
              </td>
              <td className="govuk-table__cell">
                {r.verified ? (
                  "Verified"
                ) : (
                  <strong className="govuk-tag govuk-tag--grey">Not yet verified</strong>
                )}
                <span className="app-muted">{` · ${r.source}`}</span>
              </td>
            </tr>
          ))}
          {target?.date ? (
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {formatDate(target.date)}
              </th>
              <td className="govuk-table__cell">{target.value !== null ? formatMeasureValue(target.value, unit) : "–"}</td>
              <td className="govuk-table__cell">
                {target.value !== null ? "Target" : "Milestone date"}
                {target.isExample ? " (an example, not yet agreed)" : ""}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
