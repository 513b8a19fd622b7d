import { Form, Link } from "@remix-run/react";
import type { DiffPart } from "~/domain/statement-diff";

/** "current" stands for the statement's text as it is now. */
export const CURRENT = "current";

type VersionChoice = { id: string; number: number; name: string };

const choiceLabel = (v: VersionChoice) => `Version ${v.number}: ${v.name}`;

/**
 * Two lists (from, to) of the saved versions and the current text, sent as a plain GET form, so
 * comparing works before any script loads and the comparison has its own address.
 */
export function CompareVersionsForm({
  action,
  versions,
  from,
  to,
}: {
  action: string;
  versions: VersionChoice[];
  from: string;
  to: string;
}) {
  const options = [{ value: CURRENT, label: "The current text" }, ...versions.map((v) => ({ value: v.id, label: choiceLabel(v) }))];
  return <CompareForm action={action} legend="Compare two versions" options={options} from={from} to={to} />;
}

/**
 * Two lists (from, to) of whatever can be compared (a statement's versions, a commitment's
 * revisions), sent as a plain GET form with the fields `from` and `to`.
 */
export function CompareForm({
  action,
  legend,
  options,
  from,
  to,
}: {
  action: string;
  legend: string;
  options: { value: string; label: string }[];
  from: string;
  to: string;
}) {
  return (
    <Form method="get" action={action} className="app-compare-form">
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div className="app-compare-form__fields">
          <VersionSelect name="from" label="From (older)" options={options} defaultValue={from} />
          <VersionSelect name="to" label="To (newer)" options={options} defaultValue={to} />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Compare
        </button>
      </fieldset>
    </Form>
  );
}

const visible = (text: string) => /\S/.test(text);

/**
 * A word-by-word comparison. Added words are in <ins> and removed ones in <del>, each also named
 * in words for screen readers ("added:", "removed:") and marked by underline or strike-through,
 * so colour is never the only signal. Changes of spacing alone are shown as the newer text has them.
 */
export function TextDifference({ parts }: { parts: DiffPart[] }) {
  return (
    <div className="app-diff">
      {parts.map((part, i) => {
        if (part.kind === "same") return <span key={i}>{part.text}</span>;
        if (!visible(part.text)) return part.kind === "added" ? <span key={i}>{part.text}</span> : null;
        return part.kind === "added" ? (
          <ins key={i} className="app-diff__added">
            <span className="govuk-visually-hidden">[added: </span>
            {part.text}
            <span className="govuk-visually-hidden">]</span>
          </ins>
        ) : (
          <del key={i} className="app-diff__removed">
            <span className="govuk-visually-hidden">[removed: </span>
            {part.text}
            <span className="govuk-visually-hidden">]</span>
          </del>
        );
      })}
    </div>
  );
}

/** How to read a word-by-word comparison, for sighted readers and screen reader users alike. */
export function DifferenceKey() {
  return (
    <p className="govuk-body">
      Added words are <ins className="app-diff__added">underlined</ins> and removed words are{" "}
      <del className="app-diff__removed">struck through</del>. Screen readers announce them as “added” and “removed”.
    </p>
  );
}

/** One end of the comparison: a plain select, so the form works as a GET without JavaScript. */
function VersionSelect({
  name,
  label,
  options,
  defaultValue,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue: string;
}) {
  return (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={`compare-${name}`}>
        {label}
      </label>
      <select className="govuk-select" id={`compare-${name}`} name={name} defaultValue={defaultValue}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The way back from one version, or a comparison, to the list of versions. */
export function AllVersionsLink({ to }: { to: string }) {
  return (
    <p className="govuk-body">
      <Link className="govuk-back-link govuk-!-margin-top-0" to={to}>
        All versions
      </Link>
    </p>
  );
}
