import {
  getCollectionProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
  type FormMetadata,
} from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { ERROR_TITLE_PREFIX } from "~/utils/meta";

type Field = FieldMetadata<any, any, any>;

const describedBy = (field: Field, hint?: ReactNode) => (hint ? field.descriptionId : undefined);

/**
 * GOV.UK error summary: every problem in the form, each linking to its field. It takes focus
 * when it appears, so keyboard and screen reader users hear what went wrong first.
 */
export function ErrorSummary({ form, fields }: { form: FormMetadata<any, any>; fields: Record<string, Field> }) {
  const ref = useRef<HTMLDivElement>(null);
  const items: { href?: string; message: string }[] = [];
  // conform's `fields` is a Proxy with no own keys (Object.values(fields) is always empty), so
  // the field errors come from form.allErrors, keyed by field name ("" holds the form's own).
  const { "": formErrors = [], ...fieldErrors } = form.allErrors;
  for (const message of formErrors) items.push({ message });
  for (const [name, messages] of Object.entries(fieldErrors)) {
    const id = fields[name]?.id ?? `${form.id}-${name}`;
    for (const message of messages) items.push({ href: `#${id}`, message });
  }
  const signature = items.map((i) => i.message).join("|");
  useEffect(() => {
    if (!signature) return;
    ref.current?.focus();
    // GOV.UK prefixes the page title while a form has errors. Route meta cannot see action data,
    // so this is done here; without JavaScript the summary and messages still show.
    if (!document.title.startsWith(ERROR_TITLE_PREFIX)) document.title = ERROR_TITLE_PREFIX + document.title;
    return () => {
      if (document.title.startsWith(ERROR_TITLE_PREFIX)) document.title = document.title.slice(ERROR_TITLE_PREFIX.length);
    };
  }, [signature]);
  if (!items.length) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {items.map((item, i) => (
              <li key={i}>
                {item.href ? (
                  <a href={item.href} onClick={focusField}>
                    {item.message}
                  </a>
                ) : (
                  item.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/**
 * Moves to the field a summary link names without changing the address, as GOV.UK's own script
 * does: a new #fragment is a navigation to the router, which would clear the errors being read.
 * Its label or legend is brought into view with it. Without JavaScript the link works as a link.
 */
function focusField(event: React.MouseEvent<HTMLAnchorElement>) {
  const id = event.currentTarget.hash.slice(1);
  const input = id ? document.getElementById(decodeURIComponent(id)) : null;
  if (!input) return;
  event.preventDefault();
  const heading = input.closest("fieldset")?.querySelector("legend") ?? document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
  (heading ?? input).scrollIntoView();
  input.focus({ preventScroll: true });
}

function FieldError({ field }: { field: Field }) {
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {field.errors.join(". ")}
    </p>
  );
}

function Hint({ field, hint }: { field: Field; hint?: ReactNode }) {
  if (!hint) return null;
  return (
    <div id={field.descriptionId} className="govuk-hint">
      {hint}
    </div>
  );
}

const groupClass = (field: Field) => `govuk-form-group${field.errors?.length ? " govuk-form-group--error" : ""}`;

type TextFieldProps = {
  field: Field;
  label: ReactNode;
  hint?: ReactNode;
  type?: "text" | "email" | "password" | "date" | "url" | "number";
  autoComplete?: string;
  width?: "full" | "two-thirds" | "one-half" | "one-third" | "20" | "10";
  labelIsPageHeading?: boolean;
  spellCheck?: boolean;
};

/** A labelled text input with its hint and error message. */
export function TextField({ field, label, hint, type = "text", autoComplete, width, spellCheck }: TextFieldProps) {
  const widthClass = width ? (/^\d+$/.test(width) ? ` govuk-input--width-${width}` : ` govuk-!-width-${width}`) : "";
  const { key, ...props } = getInputProps(field, { type, ariaDescribedBy: describedBy(field, hint) });
  return (
    <div className={groupClass(field)}>
      <label className="govuk-label govuk-label--s" htmlFor={field.id}>
        {label}
      </label>
      <Hint field={field} hint={hint} />
      <FieldError field={field} />
      <input
        key={key}
        {...props}
        className={`govuk-input${field.errors?.length ? " govuk-input--error" : ""}${widthClass}`}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
      />
    </div>
  );
}

/** A labelled textarea with its hint and error message. */
export function TextareaField({ field, label, hint, rows = 5 }: { field: Field; label: ReactNode; hint?: ReactNode; rows?: number }) {
  const { key, ...props } = getTextareaProps(field, { ariaDescribedBy: describedBy(field, hint) });
  return (
    <div className={groupClass(field)}>
      <label className="govuk-label govuk-label--s" htmlFor={field.id}>
        {label}
      </label>
      <Hint field={field} hint={hint} />
      <FieldError field={field} />
      <textarea
        key={key}
        {...props}
        rows={rows}
        className={`govuk-textarea${field.errors?.length ? " govuk-textarea--error" : ""}`}
      />
    </div>
  );
}

export type Option = { value: string; label: ReactNode; hint?: ReactNode };

/** A labelled select. */
export function SelectField({
  field,
  label,
  hint,
  options,
  emptyLabel,
}: {
  field: Field;
  label: ReactNode;
  hint?: ReactNode;
  options: Option[];
  emptyLabel?: string;
}) {
  const { key, ...props } = getSelectProps(field, { ariaDescribedBy: describedBy(field, hint) });
  return (
    <div className={groupClass(field)}>
      <label className="govuk-label govuk-label--s" htmlFor={field.id}>
        {label}
      </label>
      <Hint field={field} hint={hint} />
      <FieldError field={field} />
      <select key={key} {...props} className={`govuk-select${field.errors?.length ? " govuk-select--error" : ""}`}>
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A fieldset of checkboxes (several answers) or radios (one answer). */
export function ChoiceField({
  field,
  legend,
  hint,
  options,
  type,
  small,
}: {
  field: Field;
  legend: ReactNode;
  hint?: ReactNode;
  options: Option[];
  type: "checkbox" | "radio";
  small?: boolean;
}) {
  const items = getCollectionProps(field, {
    type,
    options: options.map((o) => o.value),
    ariaAttributes: false,
  });
  const base = type === "checkbox" ? "govuk-checkboxes" : "govuk-radios";
  const describedIds = [hint ? field.descriptionId : null, field.errors?.length ? field.errorId : null].filter(Boolean);
  return (
    <div className={groupClass(field)}>
      <fieldset className="govuk-fieldset" aria-describedby={describedIds.join(" ") || undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <Hint field={field} hint={hint} />
        <FieldError field={field} />
        <div className={`${base}${small ? ` ${base}--small` : ""}`}>
          {items.map(({ key, ...collectionProps }, i) => {
            const option = options[i];
            // The first choice carries the field's id, so the error summary's link lands on it.
            const props = i === 0 ? { ...collectionProps, id: field.id } : collectionProps;
            const hintId = option.hint ? `${props.id}-hint` : undefined;
            return (
              <div className={`${base}__item`} key={key}>
                <input {...props} className={`${base}__input`} aria-describedby={hintId} />
                <label className={`govuk-label ${base}__label`} htmlFor={props.id}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div id={hintId} className={`govuk-hint ${base}__hint`}>
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A form's submit button with a Cancel link beside it, back to where the person came from. */
export function FormActions({ submitLabel, cancelTo }: { submitLabel: string; cancelTo: string }) {
  return (
    <div className="govuk-button-group">
      <button type="submit" className="govuk-button" data-module="govuk-button">
        {submitLabel}
      </button>
      <Link className="govuk-link" to={cancelTo}>
        Cancel
      </Link>
    </div>
  );
}

/** GOV.UK's date input: day, month and year in one fieldset; the day input carries the field's id. */
export function DateField({
  field,
  legend,
  hint,
}: {
  field: FieldMetadata<{ day?: string; month?: string; year?: string } | undefined, any, any>;
  legend: ReactNode;
  hint?: ReactNode;
}) {
  const parts = field.getFieldset() as Record<"day" | "month" | "year", Field>;
  const hasError = Boolean(field.errors?.length);
  const describedIds = [hint ? field.descriptionId : null, hasError ? field.errorId : null].filter(Boolean);
  const items = [
    { key: "day", label: "Day", width: 2 },
    { key: "month", label: "Month", width: 2 },
    { key: "year", label: "Year", width: 4 },
  ] as const;
  return (
    <div className={groupClass(field)}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedIds.join(" ") || undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <Hint field={field} hint={hint} />
        <FieldError field={field} />
        <div className="govuk-date-input">
          {items.map((item, i) => {
            const part = parts[item.key];
            const { key, ...props } = getInputProps(part, { type: "text", ariaAttributes: false });
            const id = i === 0 ? field.id : `${field.id}-${item.key}`;
            return (
              <div className="govuk-date-input__item" key={item.key}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={id}>
                    {item.label}
                  </label>
                  <input
                    key={key}
                    {...props}
                    id={id}
                    inputMode="numeric"
                    className={`govuk-input govuk-date-input__input govuk-input--width-${item.width}${hasError ? " govuk-input--error" : ""}`}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
