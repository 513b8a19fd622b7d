/**
 * A GOV.UK table's column headings. A last column of links or buttons (`actions`) gets a heading
 * that only screen readers hear.
 */
export function ColumnHeadings({ labels, actions }: { labels: string[]; actions: boolean }) {
  return (
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        {labels.map((label) => (
          <th scope="col" className="govuk-table__header" key={label}>
            {label}
          </th>
        ))}
        {actions ? (
          <th scope="col" className="govuk-table__header">
            <span className="govuk-visually-hidden">Actions</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
