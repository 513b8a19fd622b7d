import { Link } from "@remix-run/react";

/**
 * One select of a GET filter form (no JavaScript needed): the first choice, with an empty value,
 * means "any"; the value shown is the one in the page's address.
 */
export function FilterSelect({
  name,
  label,
  value,
  options,
  all,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: [string, string][];
  all: string;
}) {
  return (
    <div className="govuk-form-group">
      <label className="govuk-label govuk-label--s" htmlFor={`filter-${name}`}>
        {label}
      </label>
      <select className="govuk-select" id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{all}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The end of a GET filter form: show the matches, and clear the filters when any is set. */
export function FilterActions({ submitLabel, clearTo, filtered }: { submitLabel: string; clearTo: string; filtered: boolean }) {
  return (
    <div className="govuk-button-group">
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        {submitLabel}
      </button>
      {filtered ? (
        <Link className="govuk-link" to={clearTo}>
          Clear filters
        </Link>
      ) : null}
    </div>
  );
}
