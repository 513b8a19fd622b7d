import { getFormProps, getSelectProps, useForm, type FieldMetadata, type FormMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import type { z } from "zod";
import { SuccessBanner } from "~/components/banner";
import { ErrorSummary, SelectField } from "~/components/forms";
import { IntentButton } from "~/components/intent-button";
import { StatementDetailsFields } from "~/components/statement-fields";
import { useStatementLayoutData } from "~/components/statement-layout";
import { statementLinkRows } from "~/components/statement-links";
import { answerLinkSchema, commitmentLinkSchema, priorityLinkSchema, statementDetailsSchema } from "~/domain/statement-form";
import { statementThemeLabels } from "~/domain/statements";
import { listCommitmentsForStrategy } from "~/models/commitments.server";
import { listPriorities } from "~/models/priorities.server";
import { listStatementLinks, listStatementOptions } from "~/models/statements.server";
import {
  authorizeStatementChange,
  canArchiveStatement,
  canEditStatementDetails,
  statementChangeForbidden,
} from "~/policies/statement";
import {
  archiveStatement,
  linkStatement,
  restoreStatement,
  unlinkStatement,
  updateStatement,
  type LinkOutcome,
} from "~/services/statements.server";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { formText, readIntent } from "~/utils/intent.server";
import { pageTitle } from "~/utils/meta";
import { loadStatementFor } from "~/utils/statement-route.server";

const INTENTS = ["details", "answer", "priority", "commitment", "unlink", "archive", "restore"] as const;
type Intent = (typeof INTENTS)[number];

const doneMessages: Record<string, string> = {
  saved: "Details saved.",
  linked: "Link added. It shows on both ends.",
  "already-linked": "That link was already there.",
  unlinked: "Link removed from both ends.",
  archived: "Statement archived. It no longer appears in the strategy’s list of statements.",
  restored: "Statement restored to the strategy’s list of statements.",
};

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) =>
  pageTitle(loaded ? `Links and details: ${loaded.title}` : "Links and details");

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, actor, statement } = await loadStatementFor(tx, context, params);
    const links = await listStatementLinks(tx, statement.id);
    if (!canEditStatementDetails(actor, strategy, statement)) {
      return { title: statement.title, links, choices: null };
    }
    const linked = new Set([...links.answers, ...links.priorities, ...links.commitments].map((l) => l.id));
    const iStatements = statement.kind === "we" ? await listStatementOptions(tx, strategy.id, "i") : [];
    const priorities = await listPriorities(tx, strategy.id);
    const commitments = await listCommitmentsForStrategy(tx, strategy.id);
    return {
      title: statement.title,
      links,
      choices: {
        iStatements: iStatements
          .filter((s) => !linked.has(s.id))
          .map((s) => ({ value: s.id, label: `${s.title} (${statementThemeLabels[s.theme]})` })),
        priorities: priorities
          .map((p, i) => ({ value: p.id, label: `Priority ${i + 1}: ${p.title}` }))
          .filter((p) => !linked.has(p.value)),
        commitmentGroups: priorities
          .map((p, i) => ({
            label: `Priority ${i + 1}: ${p.title}`,
            options: commitments.filter((c) => c.priorityId === p.id && !linked.has(c.id)).map((c) => ({ value: c.id, label: c.text })),
          }))
          .filter((g) => g.options.length),
      },
    };
  });
}

const linkErrors: Partial<Record<LinkOutcome, string>> = {
  target_not_found: "Select one from the list: it may have been archived since the page loaded",
  only_we_answers: "Only a “we” statement can answer an “I” statement",
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await request.formData();
  const intent = readIntent(formData, INTENTS);
  if (intent === "archive" || intent === "restore") {
    const { statementId, here } = await withDb(context, async (tx) => {
      const { strategy, actor, statement } = await loadStatementFor(tx, context, params);
      authorizeStatementChange(canArchiveStatement(actor, strategy, statement), statementChangeForbidden.archive);
      const changed = await (intent === "archive" ? archiveStatement : restoreStatement)(tx, strategy.id, statement.id);
      if (!changed) throw notFound("No such statement");
      return { statementId: statement.id, here: `/strategies/${strategy.id}/statements/${statement.id}/details` };
    });
    // Once it is committed: people with the text open connect again and are told what they may do now.
    await context.platform.collab.reauthorise(statementId);
    return redirect(`${here}?done=${intent === "archive" ? "archived" : "restored"}`);
  }
  return withDb(context, async (tx) => {
    const { strategy, actor, statement } = await loadStatementFor(tx, context, params);
    const here = `/strategies/${strategy.id}/statements/${statement.id}/details`;
    const fail = (result: SubmissionResult<string[]>) => data({ intent, result }, { status: 400 });

    authorizeStatementChange(canEditStatementDetails(actor, strategy, statement), statementChangeForbidden.details);

    switch (intent) {
      case "details": {
        const submission = parseWithZod(formData, { schema: statementDetailsSchema });
        if (submission.status !== "success") return fail(submission.reply());
        const outcome = await updateStatement(tx, strategy.id, statement.id, submission.value);
        if (outcome === "not_found") throw notFound("No such statement");
        if (outcome === "answers_i_statements") {
          return fail(
            submission.reply({
              fieldErrors: { kind: ["This statement answers “I” statements, so it stays a “we” statement. Remove those links first"] },
            }),
          );
        }
        if (outcome === "answered_by_we_statements") {
          return fail(
            submission.reply({
              fieldErrors: { kind: ["“We” statements answer this statement, so it stays an “I” statement. Remove those links first"] },
            }),
          );
        }
        return redirect(`${here}?done=saved`);
      }
      case "answer":
      case "priority":
      case "commitment": {
        const linkForms = {
          answer: { schema: answerLinkSchema, field: "iStatementId", kind: "i_statement" },
          priority: { schema: priorityLinkSchema, field: "priorityId", kind: "priority" },
          commitment: { schema: commitmentLinkSchema, field: "commitmentId", kind: "commitment" },
        } as const;
        const form = linkForms[intent];
        const submission = parseWithZod(formData, { schema: form.schema });
        if (submission.status !== "success") return fail(submission.reply());
        const id = (submission.value as Record<string, string>)[form.field];
        const outcome = await linkStatement(tx, user.id, strategy.id, statement.id, { kind: form.kind, id });
        if (outcome === "not_found") throw notFound("No such statement");
        const error = linkErrors[outcome];
        if (error) return fail(submission.reply({ fieldErrors: { [form.field]: [error] } }));
        return redirect(`${here}?done=${outcome === "linked" ? "linked" : "already-linked"}`);
      }
      case "unlink": {
        const removed = await unlinkStatement(tx, strategy.id, statement.id, requireId(formText(formData, "linkId")));
        if (!removed) throw notFound("No such link");
        return redirect(`${here}?done=unlinked`);
      }
    }
  });
}

/** The form state of one of the page's forms: the last answer only if it was that form's. */
function useIntentForm<Schema extends z.ZodObject>(id: Intent, defaultValue?: Partial<Record<keyof z.input<Schema>, string>>) {
  const actionData = useActionData<typeof action>();
  return useForm<z.input<Schema>>({
    id,
    lastResult: actionData && "intent" in actionData && actionData.intent === id ? actionData.result : undefined,
    defaultValue: defaultValue as Parameters<typeof useForm<z.input<Schema>>>[0]["defaultValue"],
    shouldRevalidate: "onSubmit",
  });
}

export default function StatementDetailsTab() {
  // A fresh set of forms after every navigation (each success redirects here) and whenever another
  // form answers, so a message from an earlier attempt never outlives it.
  const { key } = useLocation();
  const actionData = useActionData<typeof action>();
  const answered = actionData && "intent" in actionData ? actionData.intent : "";
  return <DetailsAndLinks key={`${key}-${answered}`} />;
}

function DetailsAndLinks() {
  const { statement, strategy, canArchive } = useStatementLayoutData();
  const { links, choices } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = doneMessages[params.get("done") ?? ""];
  const [detailsForm, detailsFields] = useIntentForm<typeof statementDetailsSchema>("details", {
    kind: statement.kind,
    title: statement.title,
    theme: statement.theme,
  });
  const [answerForm, answerFields] = useIntentForm<typeof answerLinkSchema>("answer");
  const [priorityForm, priorityFields] = useIntentForm<typeof priorityLinkSchema>("priority");
  const [commitmentForm, commitmentFields] = useIntentForm<typeof commitmentLinkSchema>("commitment");
  const rows = statementLinkRows(strategy.id, statement.kind, links);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={detailsForm} fields={detailsFields} />
        <ErrorSummary form={answerForm} fields={answerFields} />
        <ErrorSummary form={priorityForm} fields={priorityFields} />
        <ErrorSummary form={commitmentForm} fields={commitmentFields} />
        {done ? <SuccessBanner>{done}</SuccessBanner> : null}

        <h2 className="govuk-heading-m">Links</h2>
        <p className="govuk-body">
          Links show on both ends: on this statement, and on the statement, priority or commitment it links to.
        </p>
        <dl className="govuk-summary-list">
          {rows.map((row) => (
            <div className="govuk-summary-list__row" key={row.key}>
              <dt className="govuk-summary-list__key">{row.heading}</dt>
              <dd className="govuk-summary-list__value">
                {row.items.length ? (
                  <ul className="govuk-list govuk-!-margin-bottom-0 app-link-rows">
                    {row.items.map((item) => (
                      <li key={item.linkId} className="app-link-row">
                        <span>
                          <Link className="govuk-link" to={item.to}>
                            {item.label}
                          </Link>
                          {item.archived ? " (archived)" : null} {item.extra}
                        </span>
                        {choices ? (
                          <Form method="post" className="app-link-row__remove">
                            <input type="hidden" name="linkId" value={item.linkId} />
                            <IntentButton intent="unlink" label="Remove link" item={item.label} />
                          </Form>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  row.empty
                )}
              </dd>
            </div>
          ))}
        </dl>

        {choices ? (
          <>
            {statement.kind === "we" ? (
              <LinkForm
                form={answerForm}
                heading="Add an “I” statement this statement answers"
                field={answerFields.iStatementId}
                label="“I” statement"
                options={choices.iStatements}
                none="There are no other “I” statements to link to. Create one from the list of statements."
              />
            ) : null}
            <LinkForm
              form={priorityForm}
              heading="Link to a priority"
              field={priorityFields.priorityId}
              label="Priority"
              options={choices.priorities}
              none="It is linked to every priority already."
            />
            <LinkForm
              form={commitmentForm}
              heading="Link to a commitment"
              field={commitmentFields.commitmentId}
              label="Commitment"
              groups={choices.commitmentGroups}
              none="There are no more commitments to link to."
            />

            <h2 className="govuk-heading-m govuk-!-margin-top-8">Details</h2>
            <Form method="post" {...getFormProps(detailsForm)} noValidate>
              <StatementDetailsFields fields={detailsFields} />
              <button type="submit" name="intent" value="details" className="govuk-button" data-module="govuk-button">
                Save details
              </button>
            </Form>
          </>
        ) : (
          <p className="govuk-body">Only members who co-write can change links and details, and not while the statement is archived.</p>
        )}

        {canArchive ? (
          <>
            <h2 className="govuk-heading-m govuk-!-margin-top-8">{statement.archivedAt ? "Restore" : "Archive"}</h2>
            <p className="govuk-body">
              {statement.archivedAt
                ? "Restoring puts the statement back in the strategy’s list, with its text, links and history."
                : "Archiving takes the statement out of the strategy’s list. Its text, links and history are kept, and it can be restored."}
            </p>
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value={statement.archivedAt ? "restore" : "archive"}
                className={`govuk-button ${statement.archivedAt ? "govuk-button--secondary" : "govuk-button--warning"}`}
                data-module="govuk-button"
              >
                {statement.archivedAt ? "Restore this statement" : "Archive this statement"}
              </button>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}

type Choice = { value: string; label: string };

/** One "add a link" form: a select of what can be linked, and its button. */
function LinkForm({
  form,
  heading,
  field,
  label,
  options,
  groups,
  none,
}: {
  form: FormMetadata<any, any>;
  heading: string;
  field: FieldMetadata<any, any, any>;
  label: string;
  options?: Choice[];
  groups?: { label: string; options: Choice[] }[];
  none: string;
}) {
  const headingId = `${form.id}-heading`;
  const count = options?.length ?? groups?.reduce((n, g) => n + g.options.length, 0) ?? 0;
  return (
    <section aria-labelledby={headingId} className="app-link-form-section">
      <h3 className="govuk-heading-s" id={headingId}>
        {heading}
      </h3>
      {count ? (
        <Form method="post" {...getFormProps(form)} noValidate className="app-inline-select-form">
          {options ? (
            <SelectField field={field} label={label} options={options} emptyLabel="Choose one" />
          ) : (
            <GroupedSelect field={field} label={label} groups={groups ?? []} />
          )}
          <button type="submit" name="intent" value={form.id} className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Add link
          </button>
        </Form>
      ) : (
        <p className="govuk-body">{none}</p>
      )}
    </section>
  );
}

/** A labelled select whose choices come in groups (commitments under their priorities). */
function GroupedSelect({ field, label, groups }: { field: FieldMetadata<any, any, any>; label: string; groups: { label: string; options: Choice[] }[] }) {
  const { key, ...props } = getSelectProps(field);
  const invalid = Boolean(field.errors?.length);
  return (
    <div className={`govuk-form-group${invalid ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={field.id}>
        {label}
      </label>
      {invalid ? (
        <p id={field.errorId} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {field.errors!.join(". ")}
        </p>
      ) : null}
      <select key={key} {...props} className={`govuk-select app-select--wide${invalid ? " govuk-select--error" : ""}`}>
        <option value="">Choose one</option>
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
