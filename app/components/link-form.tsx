import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { isAllowedLink } from "~/domain/statement-text-rules";

export const LINK_ERROR = "Enter a web address that starts with https:// or http://, or an email address that starts with mailto:";

/**
 * The editor's small form for adding a link: one labelled field, checked before anything
 * changes; only http, https and mailto addresses are accepted, anything else gets a message
 * next to the field and keeps what was typed. Escape or Cancel closes it.
 */
export function LinkForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (href: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    input.current?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const href = value.trim();
    if (!isAllowedLink(href)) {
      setError(LINK_ERROR);
      input.current?.focus();
      return;
    }
    onSave(href);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    onCancel();
  };

  // Not a <form>: it sits inside the page, which may be inside another form one day, and Enter
  // in the field submits it just the same.
  return (
    <div className="app-link-form" role="group" aria-labelledby={`${id}-legend`} onKeyDown={onKeyDown}>
      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2" id={`${id}-legend`}>
        Add a link
      </p>
      <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
        <label className="govuk-label" htmlFor={`${id}-href`}>
          Link address
        </label>
        <div className="govuk-hint" id={`${id}-hint`}>
          For example, https://www.thinklocalactpersonal.org.uk or mailto:name@example.org
        </div>
        {error ? (
          <p className="govuk-error-message" id={`${id}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <input
          ref={input}
          id={`${id}-href`}
          className={`govuk-input${error ? " govuk-input--error" : ""}`}
          type="text"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          value={value}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") submit(e);
          }}
        />
      </div>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-button--secondary" onClick={submit}>
          Add link
        </button>
        <button type="button" className="app-link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
