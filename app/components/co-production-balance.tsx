import { roleGroupLabels } from "~/domain/statements";
import { wholePercentages } from "~/domain/statement-workflow";
import type { BalanceRow } from "~/models/statement-contributions.server";

const number = new Intl.NumberFormat("en-GB");

/**
 * Who shaped the text, by role group: a bar per group showing its share of the writing (drawn
 * as SVG, with the percentage written beside it, so colour and length are never the only signal),
 * then a table of every measure. The writing is measured by the collaboration server from what
 * each person really typed; comments and endorsements (of the current text) are counted.
 */
export function CoProductionBalance({ rows, id, caption }: { rows: BalanceRow[]; id: string; caption: string }) {
  const anything = rows.some((r) => r.charsAdded || r.edits || r.comments || r.endorsements);
  if (!anything) return <p className="govuk-body">No one has written, commented or endorsed yet.</p>;
  const written = rows.some((r) => r.charsAdded > 0);
  const whole = wholePercentages(rows.map((r) => r.charsAdded));
  const percent = Object.fromEntries(
    rows.map((r, i) => [r.roleGroup, r.charsAdded > 0 && whole[i] === 0 ? "less than 1%" : `${whole[i]}%`]),
  );
  return (
    <div className="app-balance">
      {written ? (
        <>
          <h3 className="govuk-heading-s" id={`${id}-share-heading`}>
            Share of the text written
          </h3>
          <ul className="govuk-list app-balance__bars" aria-labelledby={`${id}-share-heading`}>
            {rows.map((r) => (
              <li key={r.roleGroup} className="app-balance__bar-row">
                <span className="app-balance__label">{roleGroupLabels[r.roleGroup]}</span>
                <svg
                  className={`app-balance__bar app-balance__bar--${r.roleGroup}`}
                  viewBox="0 0 100 10"
                  preserveAspectRatio="none"
                  aria-hidden="true"
                  focusable="false"
                >
                  <rect className="app-balance__track" x="0" y="0" width="100" height="10" />
                  <rect className="app-balance__fill" x="0" y="0" width={Math.max(0, Math.min(100, r.textShare))} height="10" />
                </svg>
                <span className="app-balance__value">{percent[r.roleGroup]}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="govuk-body">No text has been written in the editor yet, so there is no share of the writing to show.</p>
      )}
      <div className="app-table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s" id={`${id}-caption`}>
            {caption}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Role group
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Share of the text
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Characters written
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Edits
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Comments
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Endorsements of the current text
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((r) => (
              <tr className="govuk-table__row" key={r.roleGroup}>
                <th scope="row" className="govuk-table__header">
                  {roleGroupLabels[r.roleGroup]}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{percent[r.roleGroup]}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{number.format(r.charsAdded)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{number.format(r.edits)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{number.format(r.comments)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{number.format(r.endorsements)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
