import { Form, Link } from "@remix-run/react";
import { IntentButton } from "~/components/intent-button";

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
  noun: "priority" | "commitment" | "measure";
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

type ListItemForm = {
  /** The form field that tells the page's action which item the button is for. */
  idField: "priorityId" | "commitmentId";
  id: string;
  /** The item's words, named inside each button for screen reader users. */
  name: string;
  className?: string;
};

/**
 * Move up, move down and archive for one current item of an ordered list; the first item has no
 * "Move up" and the last no "Move down".
 */
export function MoveAndArchiveForm({
  idField,
  id,
  name,
  index,
  count,
  className = "app-actions",
}: ListItemForm & { index: number; count: number }) {
  return (
    <Form method="post" className={className}>
      <input type="hidden" name={idField} value={id} />
      {index > 0 ? <IntentButton intent="move-up" label="Move up" item={name} /> : null}
      {index < count - 1 ? <IntentButton intent="move-down" label="Move down" item={name} /> : null}
      <IntentButton intent="archive" label="Archive" item={name} warning />
    </Form>
  );
}

/** Restore for one archived item of an ordered list; it goes back to its old place. */
function RestoreForm({ idField, id, name, className = "app-actions" }: ListItemForm) {
  return (
    <Form method="post" className={className}>
      <input type="hidden" name={idField} value={id} />
      <IntentButton intent="restore" label="Restore" item={name} />
    </Form>
  );
}

/**
 * The archived items of an ordered list, which only facilitators see: each links to its page and
 * can be restored to its old place.
 */
export function ArchivedItems({
  heading,
  kind,
  items,
  formClassName,
}: {
  heading: string;
  kind: "priority" | "commitment";
  items: { id: string; name: string; to: string }[];
  formClassName?: string;
}) {
  return (
    <>
      <h2 className="govuk-heading-m">{heading}</h2>
      <p className="govuk-body">Only facilitators see these. Restoring one puts it back in its old place.</p>
      <ul className="govuk-list">
        {items.map((item) => (
          <li key={item.id} id={`${kind}-${item.id}`} className="app-card app-card--archived">
            <p className="govuk-body govuk-!-margin-bottom-2">
              <Link className="govuk-link" to={item.to}>
                {item.name}
              </Link>
            </p>
            <RestoreForm idField={`${kind}Id`} id={item.id} name={item.name} className={formClassName} />
          </li>
        ))}
      </ul>
    </>
  );
}
