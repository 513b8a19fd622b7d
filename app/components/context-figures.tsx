import type { ContextFigure } from "~/models/priorities.server";

/** "Current context" figures as a table: the number, what it measures, and where it comes from. */
export function ContextFigures({ figures, caption }: { figures: ContextFigure[]; caption: string }) {
  if (!figures.length) return null;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Figure
          </th>
          <th scope="col" className="govuk-table__header">
            What it shows
          </th>
          <th scope="col" className="govuk-table__header">
            Source
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {figures.map((f) => (
          <tr className="govuk-table__row" key={f.id}>
            <th scope="row" className="govuk-table__header">
              <span className="app-figure__value">{f.figure}</span>
            </th>
            <td className="govuk-table__cell">{f.description}</td>
            <td className="govuk-table__cell">
              {f.sourceUrl ? (
                <a className="govuk-link" href={f.sourceUrl} rel="noreferrer noopener">
                  {f.source}
                </a>
              ) : (
                f.source
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
