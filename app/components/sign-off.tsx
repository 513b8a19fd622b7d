import { getCollectionProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { Fragment, useState, type ReactNode } from "react";
import { SignOffStateTag } from "~/components/sign-off-tag";
import {
  SIGN_OFF_DECISIONS,
  signOffDecisionHints,
  signOffDecisionLabels,
  signOffStateLabels,
  staleWords,
  type SignOffDecision,
  type SignOffState,
} from "~/domain/sign-off";
import { formatDateTime } from "~/utils/dates";

/** What the sign-off pieces need of one required organisation (dates arrive as strings from a loader). */
export type SignOffCellView = {
  organisationId: string;
  organisationName: string;
  organisationShortName: string;
  currentRevision: number;
  requestedRevision: number | null;
  requestedAt: string | Date | null;
  decidedRevision: number | null;
  decision: SignOffDecision | null;
  conditions: string | null;
  reason: string | null;
  signedByName: string | null;
  signedAt: string | Date | null;
  state: SignOffState;
};

const organisations = (n: number) => `${n} ${n === 1 ? "organisation" : "organisations"}`;
const endorsedStates: SignOffState[] = ["endorsed", "endorsed_with_conditions"];

/**
 * Where a commitment's sign-off stands, in one sentence. `agreed` is the database's answer
 * (app.commitment_is_signed_off), never worked out here.
 */
export function signOffSummary(
  cells: Pick<SignOffCellView, "state">[],
  { revision, agreed }: { revision: number; agreed: boolean },
): string {
  if (!cells.length) return "No organisation has been asked to sign this off yet.";
  if (agreed) return `Agreed: every organisation asked has endorsed revision ${revision}.`;
  if (cells.every((c) => c.state === "not_requested")) {
    return `${organisations(cells.length)} must sign this off, but nobody has asked ${cells.length === 1 ? "it" : "them"} yet.`;
  }
  const pending = cells.filter((c) => !endorsedStates.includes(c.state)).length;
  const objected = cells.filter((c) => c.state === "objected").length;
  return `Waiting for ${pending} of ${organisations(cells.length)}${objected ? `: ${objected} objected` : ""}.`;
}

/** "Association of Directors of Adult Social Services (ADASS)", or the name alone. */
export const organisationFullName = (o: { organisationName: string; organisationShortName: string }) =>
  o.organisationShortName !== o.organisationName ? `${o.organisationName} (${o.organisationShortName})` : o.organisationName;

/** "see what changed" between two revisions, on the commitment's revisions page. */
function SeeWhatChanged({ from, to }: { from: number; to: number }) {
  return (
    <Link className="govuk-link" to={`revisions?from=${from}&to=${to}`}>
      see what changed<span className="govuk-visually-hidden"> from revision {from} to revision {to}</span>
    </Link>
  );
}

function StateDetail({ cell }: { cell: SignOffCellView }) {
  if (cell.state === "stale" && cell.decision && cell.decidedRevision) {
    return (
      <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
        {signOffStateLabels[cell.decision]}; {staleWords(cell.decidedRevision, cell.currentRevision)} —{" "}
        <SeeWhatChanged from={cell.decidedRevision} to={cell.currentRevision} />
      </p>
    );
  }
  if (cell.state === "waiting" && cell.requestedAt) {
    return (
      <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
        Asked on {formatDateTime(cell.requestedAt)}
      </p>
    );
  }
  return null;
}

/** The conditions or the reason of a decision, labelled; nothing for a plain endorsement. */
function DecisionWords({ conditions, reason }: { conditions: string | null; reason: string | null }) {
  if (conditions) return <WordsOnRecord label="Conditions" words={conditions} />;
  if (reason) return <WordsOnRecord label="Reason" words={reason} />;
  return null;
}

function WordsOnRecord({ label, words }: { label: string; words: string }) {
  return (
    <p className="govuk-body-s govuk-!-margin-bottom-0 app-comment__body">
      <strong>{label}:</strong> {words}
    </p>
  );
}

/**
 * The organisations that must sign off a commitment, each with its state, who signed and when,
 * and their conditions or reason, as a data table.
 */
export function SignOffTable({ cells, revision }: { cells: SignOffCellView[]; revision: number }) {
  return (
    <div className="app-table-scroll" role="region" aria-label="Sign-off by organisation" tabIndex={0}>
      <table className="govuk-table govuk-table--small-text-until-tablet">
        <caption className="govuk-table__caption govuk-table__caption--s">
          Sign-off by each organisation asked (the commitment is at revision {revision})
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Organisation
            </th>
            <th scope="col" className="govuk-table__header">
              State
            </th>
            <th scope="col" className="govuk-table__header">
              Who signed and when
            </th>
            <th scope="col" className="govuk-table__header">
              Conditions or reason
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {cells.map((cell) => (
            <tr className="govuk-table__row" key={cell.organisationId}>
              <th scope="row" className="govuk-table__header">
                {organisationFullName(cell)}
              </th>
              <td className="govuk-table__cell">
                <SignOffStateTag state={cell.state} />
                <StateDetail cell={cell} />
              </td>
              <td className="govuk-table__cell">
                {cell.signedAt ? (
                  <>
                    {cell.signedByName ?? "A signatory"}
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{formatDateTime(cell.signedAt)}</span>
                  </>
                ) : (
                  <span className="app-muted">Not signed yet</span>
                )}
              </td>
              <td className="govuk-table__cell">
                {cell.conditions || cell.reason ? (
                  <DecisionWords conditions={cell.conditions} reason={cell.reason} />
                ) : (
                  <span className="app-muted">None</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A decision that no longer counts, as loaders send it. */
export type EarlierDecisionView = {
  id: string;
  organisationShortName: string;
  revision: number;
  decision: SignOffDecision;
  conditions: string | null;
  reason: string | null;
  signedByName: string | null;
  signedAt: string | Date;
};

const decisionVerbs: Record<SignOffDecision, string> = {
  endorsed: "endorsed",
  endorsed_with_conditions: "endorsed with conditions",
  objected: "objected to",
};

/** Decisions on earlier revisions (and of organisations no longer asked): they stay on the record, objections with their reasons. */
export function EarlierDecisions({ decisions }: { decisions: EarlierDecisionView[] }) {
  if (!decisions.length) return null;
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Earlier decisions ({decisions.length})</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">Decisions that no longer count. They stay on the record, objections with their reasons.</p>
        <ul className="govuk-list app-history">
          {decisions.map((d) => (
            <li key={d.id} className="app-history__item">
              <p className="govuk-body govuk-!-margin-bottom-1">
                {d.organisationShortName} ({d.signedByName ? `signed by ${d.signedByName}` : "signed"}) {decisionVerbs[d.decision]} revision{" "}
                {d.revision}.
              </p>
              <DecisionWords conditions={d.conditions} reason={d.reason} />
              <time className="app-history__meta" dateTime={new Date(d.signedAt).toISOString()}>
                {formatDateTime(d.signedAt)}
              </time>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}

/**
 * Said after a decision was recorded on a revision that had been replaced while the person was
 * signing: it counts for the revision they read, which is already out of date.
 */
export function StaleDecisionWarning({ recorded, current }: { recorded: number; current: number }) {
  return (
    <div className="govuk-warning-text" role="alert">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        The commitment changed to revision {current} while you were signing; your decision was recorded for revision {recorded} and is
        already out of date — <SeeWhatChanged from={recorded} to={current} /> and sign again.
      </div>
    </div>
  );
}

type Field = FieldMetadata<any, any, any>;

function FieldError({ field }: { field: Field }) {
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {field.errors.join(". ")}
    </p>
  );
}

function ConditionalTextarea({ field, id, label, hint, hidden }: { field: Field; id: string; label: string; hint: string; hidden: boolean }) {
  const hasError = Boolean(field.errors?.length);
  const { key, ...props } = getTextareaProps(field, { ariaDescribedBy: field.descriptionId });
  return (
    <div className={`govuk-radios__conditional${hidden ? " govuk-radios__conditional--hidden" : ""}`} id={id}>
      <div className={`govuk-form-group${hasError ? " govuk-form-group--error" : ""}`}>
        <label className="govuk-label govuk-label--s" htmlFor={field.id}>
          {label}
        </label>
        <div id={field.descriptionId} className="govuk-hint">
          {hint}
        </div>
        <FieldError field={field} />
        <textarea key={key} {...props} rows={5} className={`govuk-textarea${hasError ? " govuk-textarea--error" : ""}`} />
      </div>
    </div>
  );
}

/**
 * Endorse, endorse with conditions, or object, as GOV.UK radios with the conditions and the
 * reason revealed under their choice. Before any script runs (and without JavaScript) GOV.UK's
 * styles show both text boxes, so the form works either way.
 */
export function DecisionRadios({
  decision,
  conditions,
  reason,
  legend,
}: {
  decision: Field;
  conditions: Field;
  reason: Field;
  legend: ReactNode;
}) {
  const [chosen, setChosen] = useState<string | undefined>(typeof decision.initialValue === "string" ? decision.initialValue : undefined);
  const items = getCollectionProps(decision, { type: "radio", options: [...SIGN_OFF_DECISIONS], ariaAttributes: false });
  const describedIds = [decision.descriptionId, decision.errors?.length ? decision.errorId : null].filter(Boolean);
  const revealed: Partial<Record<SignOffDecision, { field: Field; label: string; hint: string }>> = {
    endorsed_with_conditions: {
      field: conditions,
      label: "Conditions",
      hint: "What must happen for your organisation’s endorsement to stand. They are shown with the commitment.",
    },
    objected: { field: reason, label: "Reason", hint: "Why your organisation objects. The reason stays on the record." },
  };
  return (
    <div className={`govuk-form-group${decision.errors?.length ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedIds.join(" ")}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{legend}</legend>
        <div id={decision.descriptionId} className="govuk-hint">
          Your decision is for the revision shown above. If the commitment changes later, it will be marked out of date and your
          organisation asked again.
        </div>
        <FieldError field={decision} />
        <div className="govuk-radios" data-module="govuk-radios">
          {items.map(({ key, ...props }, i) => {
            const value = SIGN_OFF_DECISIONS[i];
            const id = i === 0 ? decision.id : props.id;
            const reveal = revealed[value];
            const conditionalId = `${decision.id}-conditional-${value}`;
            return (
              <Fragment key={key}>
                <div className="govuk-radios__item">
                  <input
                    {...props}
                    id={id}
                    className="govuk-radios__input"
                    aria-describedby={`${id}-hint`}
                    aria-controls={reveal ? conditionalId : undefined}
                    onChange={() => setChosen(value)}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={id}>
                    {signOffDecisionLabels[value]}
                  </label>
                  <div id={`${id}-hint`} className="govuk-hint govuk-radios__hint">
                    {signOffDecisionHints[value]}
                  </div>
                </div>
                {reveal ? (
                  <ConditionalTextarea
                    field={reveal.field}
                    id={conditionalId}
                    label={reveal.label}
                    hint={reveal.hint}
                    hidden={chosen !== value && !reveal.field.errors?.length}
                  />
                ) : null}
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** One organisation's recorded decision on the current revision, in words. */
export function RecordedDecision({ cell }: { cell: SignOffCellView }) {
  if (!cell.decision) return null;
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body govuk-!-margin-bottom-2">
        <SignOffStateTag state={cell.state} />
      </p>
      <p className="govuk-body">
        {cell.organisationShortName} {decisionVerbs[cell.decision]} revision {cell.decidedRevision}
        {cell.signedAt ? `, signed by ${cell.signedByName ?? "a signatory"} on ${formatDateTime(cell.signedAt)}` : ""}.
      </p>
      <DecisionWords conditions={cell.conditions} reason={cell.reason} />
    </div>
  );
}
