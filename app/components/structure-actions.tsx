import { Form, Link } from "@remix-run/react";

/**
 * A facilitator's actions on a priority's or commitment's own page: edit it, and archive it or
 * restore it. The page's action tells archive from restore by the button's `intent`.
 */
export function EditAndArchiveActions({
  noun,
  archived,
  archiveIntent,
  restoreIntent,
}: {
  noun: "priority" | "commitment";
  archived: boolean;
  archiveIntent: string;
  restoreIntent: string;
}) {
  return (
    <div className="app-actions govuk-!-margin-bottom-6">
      <Link to="edit" className="govuk-button govuk-button--secondary" draggable={false}>
        {`Edit ${noun}`}
      </Link>
      <Form method="post">
        <button
          type="submit"
          name="intent"
          value={archived ? restoreIntent : archiveIntent}
          className={`govuk-button ${archived ? "govuk-button--secondary" : "govuk-button--warning"}`}
          data-module="govuk-button"
        >
          {archived ? `Restore this ${noun}` : `Archive this ${noun}`}
        </button>
      </Form>
    </div>
  );
}
