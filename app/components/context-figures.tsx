import { Form, Link, useParams } from "@remix-run/react";
import { shortText } from "~/components/commitment";
import { IntentButton } from "~/components/intent-button";
import type { ContextFigure } from "~/models/priorities.server";
import { ColumnHeadings } from "./column-headings";

/** What the figure pages' redirects (`?done=…`) say in the success banner of the page they return to. */
export const figureDoneMessages: Record<string, string> = {
  "figure-added": "Figure added.",
  "figure-saved": "Figure saved.",
  "figure-removed": "Figure removed.",
  "figure-moved-up": "Figure moved up.",
  "figure-moved-down": "Figure moved down.",
};

/** How a figure is named to screen reader users beside "Change" or "Move up": the number and what it shows. */
export const figureName = (f: Pick<ContextFigure, "figure" | "description">) => shortText(`${f.figure} ${f.description}`);

/**
 * "Current context" figures as a table: the number, what it measures, and where it comes from.
 * Given `editable` (a facilitator's canEditStructure), each row gets Change, Move up and Move down,
 * and an "Add a figure" link follows the table; `priorityId` says which list new figures join
 * (none: the strategy's own "Where are we now").
 */
export function ContextFigures({
  figures,
  caption,
  editable = false,
  priorityId,
}: {
  figures: ContextFigure[];
  caption: string;
  editable?: boolean;
  priorityId?: string;
}) {
  const { strategyId } = useParams();
  const figuresPath = `/strategies/${strategyId}/figures`;
  const addLink = editable ? (
    <Link
      to={priorityId ? `${figuresPath}/new?priorityId=${priorityId}` : `${figuresPath}/new`}
      className="govuk-button govuk-button--secondary"
      draggable={false}
    >
      Add a figure
      {figures.length ? null : <span className="govuk-visually-hidden"> to “{caption}”</span>}
    </Link>
  ) : null;
  if (!figures.length) return addLink;
  const table = (
    <table className="govuk-table app-figures">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <ColumnHeadings labels={["Figure", "What it shows", "Source"]} actions={Boolean(editable)} />
      <tbody className="govuk-table__body">
        {figures.map((f, i) => (
          <tr className="govuk-table__row" key={f.id} id={`figure-${f.id}`}>
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
            {editable ? (
              <td className="govuk-table__cell app-figures__actions">
                <Link className="govuk-link" to={`${figuresPath}/${f.id}/edit`}>
                  Change<span className="govuk-visually-hidden"> “{figureName(f)}”</span>
                </Link>
                {figures.length > 1 ? (
                  <Form method="post" action={`${figuresPath}/${f.id}/edit`}>
                    {i > 0 ? <IntentButton intent="move-up" label="Move up" item={figureName(f)} /> : null}
                    {i < figures.length - 1 ? <IntentButton intent="move-down" label="Move down" item={figureName(f)} /> : null}
                  </Form>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      {editable ? (
        // The actions column can make the table wider than a phone: it scrolls on its own, by
        // keyboard too, rather than widening the whole page.
        <div className="app-table-scroll" role="region" aria-label={caption} tabIndex={0}>
          {table}
        </div>
      ) : (
        table
      )}
      {addLink}
    </>
  );
}
