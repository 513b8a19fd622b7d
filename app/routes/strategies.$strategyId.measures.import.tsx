import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, type MouseEvent } from "react";
import { z } from "zod";
import { SuccessBanner } from "~/components/banner";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ChoiceField, ErrorSummary, TextField } from "~/components/forms";
import {
  describeCheckedRow,
  IMPORT_COLUMNS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_BYTES_WORDS,
  IMPORT_MAX_ROWS,
  IMPORT_MODES,
  importModeHints,
  importModeLabels,
  importPreviewSummary,
  importResultSummary,
  type CheckedRow,
  type RejectedRow,
} from "~/domain/data-point-import";
import { measureUnitLabels } from "~/domain/measures";
import { listMeasures } from "~/models/measures.server";
import type { Tx } from "~/platform/db.server";
import { authorize } from "~/policies/strategy";
import { importDataPoints, previewDataPointImport, type CheckedFile } from "~/services/data-point-import.server";
import { requireUser, withDb } from "~/utils/http.server";
import { readIntent } from "~/utils/intent.server";
import { FormTooLargeError, readLimitedForm } from "~/utils/limited-form.server";
import { ERROR_TITLE_PREFIX, pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Import data points");

const NOT_ALLOWED = "Only an evaluator or a facilitator of this strategy can import data points.";
/** The file, or the text carried between the steps, plus the other fields. */
const FORM_LIMIT = IMPORT_MAX_BYTES * 2 + 64 * 1024;
const TOO_LARGE = `The file is larger than ${IMPORT_MAX_BYTES_WORDS}: split it into smaller files`;

/** The strategy, once the person is known to be someone who may import (evaluators and facilitators). */
async function loadImport(tx: Tx, context: AppLoadContext, strategyIdParam: string | undefined) {
  const { strategy, actor, can } = await loadStrategyFor(tx, context, strategyIdParam);
  authorize(actor, "review_evidence", strategy, NOT_ALLOWED);
  return { strategy, can };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadImport(tx, context, params.strategyId);
    const measures = await listMeasures(tx, strategy.id);
    return {
      strategy: { id: strategy.id, title: strategy.title },
      canVerify: can.canReviewEvidence,
      measures: measures
        .filter((m) => m.kind === "quantitative")
        .map((m) => ({ id: m.id, name: m.name, unit: m.unit, unitLabel: m.unit ? measureUnitLabels[m.unit] : "" })),
    };
  });
}

const sourceField = z.string().trim().max(300, "The source must be 300 characters or fewer").optional();
const uploadSchema = z.object({ source: sourceField });
const applySchema = z.object({
  csv: z.string().max(IMPORT_MAX_BYTES, TOO_LARGE),
  source: sourceField,
  mode: z.enum(IMPORT_MODES, { message: "Choose whether to import the rows without problems, or only a file without any" }),
  verify: z.literal("yes").optional(),
});

type PreviewRow = { row: number; measure: string; period: string; value: string; problems: string[] };
const previewRows = (rows: CheckedRow[]): PreviewRow[] =>
  rows.map((r) => ({ row: r.record.row, ...describeCheckedRow(r), problems: r.problems }));

/** The preview step's data: the counts, the rows, and the file's text to send back with the choice. */
function previewStep(checked: CheckedFile, csv: string, source: string, extra: { notice?: string; result?: SubmissionResult<string[]> } = {}) {
  return {
    step: "preview" as const,
    csv,
    source,
    valid: checked.valid,
    invalid: checked.invalid,
    ignoredColumns: checked.ignoredColumns,
    rows: previewRows(checked.rows),
    notice: extra.notice ?? null,
    result: extra.result ?? null,
  };
}

const uploadStep = (result: SubmissionResult<string[]>) => ({ step: "upload" as const, result });

/** The upload form's reply with a problem on the file, keeping the source typed. */
function fileProblem(formData: FormData, message: string) {
  return uploadStep(parseWithZod(formData, { schema: uploadSchema }).reply({ fieldErrors: { file: [message] } }));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  // Authorise before reading the body: nobody else's file is read at all.
  const { strategy, can } = await withDb(context, (tx) => loadImport(tx, context, params.strategyId));
  let formData: FormData;
  try {
    formData = await readLimitedForm(request, FORM_LIMIT);
  } catch (error) {
    if (error instanceof FormTooLargeError) return data(fileProblem(new FormData(), TOO_LARGE), { status: 413 });
    throw error;
  }
  const intent = readIntent(formData, ["preview", "apply"] as const);

  if (intent === "preview") {
    const submission = parseWithZod(formData, { schema: uploadSchema });
    const file = formData.get("file");
    const chosen = file instanceof File && (file.name !== "" || file.size > 0);
    if (submission.status !== "success" || !chosen) {
      const fieldErrors: Record<string, string[]> = chosen ? {} : { file: ["Choose a CSV file"] };
      return data(uploadStep(submission.reply({ fieldErrors })), { status: 400 });
    }
    const bytes = new Uint8Array(await (file as File).arrayBuffer());
    const source = submission.value.source ?? "";
    const preview = await withDb(context, (tx) => previewDataPointImport(tx, { strategyId: strategy.id, csv: bytes, defaultSource: source }));
    if (!preview.ok) return data(fileProblem(formData, preview.fileError), { status: 400 });
    return previewStep(preview, new TextDecoder().decode(bytes), source);
  }

  const submission = parseWithZod(formData, { schema: applySchema });
  const csv = formData.get("csv");
  if (typeof csv !== "string" || !csv) return data(fileProblem(formData, "Choose the file again"), { status: 400 });
  const source = typeof formData.get("source") === "string" ? String(formData.get("source")).trim() : "";
  const request_ = { strategyId: strategy.id, csv, defaultSource: source };
  if (submission.status !== "success") {
    const preview = await withDb(context, (tx) => previewDataPointImport(tx, request_));
    if (!preview.ok) return data(fileProblem(formData, preview.fileError), { status: 400 });
    return data(previewStep(preview, csv, source, { result: submission.reply({ hideFields: ["csv"] }) }), { status: 400 });
  }

  // A reply without errors, so a choice the person corrected no longer shows as a problem.
  const chosen = submission.reply({ hideFields: ["csv"] });
  const outcome = await importDataPoints((fn) => withDb(context, fn), {
    ...request_,
    mode: submission.value.mode,
    verify: submission.value.verify === "yes" && can.canReviewEvidence,
  });
  switch (outcome.status) {
    case "file_error":
      return data(fileProblem(formData, outcome.message), { status: 400 });
    case "conflict":
      if (!outcome.preview.ok) return data(fileProblem(formData, outcome.preview.fileError), { status: 409 });
      return data(
        previewStep(outcome.preview, csv, source, {
          result: chosen,
          notice:
            "Nothing was imported. While you were checking this file, someone recorded a value for one of its periods. The rows marked below now clash with it: choose again.",
        }),
        { status: 409 },
      );
    case "not_imported":
      return data(
        previewStep(outcome.preview, csv, source, {
          result: chosen,
          notice:
            outcome.reason === "no_valid_rows"
              ? "Nothing was imported: no row is without problems. Correct the file and choose it again."
              : "Nothing was imported, because some rows have problems. Correct them and choose the file again, or import only the rows without problems.",
        }),
        { status: 400 },
      );
    case "imported": {
      const rejected: RejectedRow[] = outcome.rejected.map((r) => ({ record: r.record, problems: r.problems }));
      return {
        step: "result" as const,
        summary: importResultSummary(outcome.imported, rejected.length),
        verified: outcome.verified,
        measures: outcome.measures,
        rejected: previewRows(outcome.rejected),
        report: JSON.stringify(rejected),
      };
    }
  }
}

export default function ImportDataPoints() {
  const { strategy, measures, canVerify } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/strategies/${strategy.id}`;
  const breadcrumbs = <Breadcrumbs items={[{ to: `${base}/measures`, label: "Measures" }]} />;
  if (actionData?.step === "result") {
    return (
      <>
        {breadcrumbs}
        <ImportResult strategyId={strategy.id} result={actionData} />
      </>
    );
  }
  if (actionData?.step === "preview") {
    return (
      <>
        {breadcrumbs}
        <PreviewStep strategyId={strategy.id} preview={actionData} canVerify={canVerify} />
      </>
    );
  }
  return (
    <>
      {breadcrumbs}
      <UploadStep measures={measures} lastResult={actionData?.step === "upload" ? actionData.result : undefined} />
    </>
  );
}

type Measures = ReturnType<typeof useLoaderData<typeof loader>>["measures"];

/** Step 1: choose the file, with the columns it needs and the measures it can name. */
function UploadStep({ measures, lastResult }: { measures: Measures; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm<{ file: File; source: string }>({ id: "import-upload", lastResult, shouldRevalidate: "onSubmit" });
  const fileErrors = fields.file.errors;
  const { key: fileKey, ...fileProps } = getInputProps(fields.file, { type: "file", ariaDescribedBy: fields.file.descriptionId });
  // The example names one of the strategy's own percentages, so it can be copied as it is.
  const exampleName = (measures.find((m) => m.unit === "percentage") ?? measures[0])?.name ?? "Vacancy rate";
  const example = /[",]/.test(exampleName) ? `"${exampleName.replaceAll('"', '""')}"` : exampleName;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <h1 className="govuk-heading-l">Import data points</h1>
        <p className="govuk-body">
          Add many values at once from a spreadsheet saved as CSV, for one measure or several: an extract from the adult social
          care workforce data set, for example. You will see every row checked before anything is saved.
        </p>
        <p className="govuk-body">
          Imported values are submitted like any other evidence, each dated by the end of its period (or today, for a period
          not over yet): they count towards a measure’s status once they are verified.
        </p>

        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate>
          <TextField
            field={fields.source}
            label="Where these figures come from (optional)"
            hint="Used for rows whose source column is empty, for example “Skills for Care, adult social care workforce data set, 2025”."
          />
          <div className={`govuk-form-group${fileErrors?.length ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor={fields.file.id}>
              CSV file
            </label>
            <div id={fields.file.descriptionId} className="govuk-hint">
              {`Up to ${IMPORT_MAX_BYTES_WORDS} and ${IMPORT_MAX_ROWS.toLocaleString("en-GB")} rows. Save it from your spreadsheet as “CSV UTF-8”.`}
            </div>
            {fileErrors?.length ? (
              <p id={fields.file.errorId} className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {fileErrors.join(". ")}
              </p>
            ) : null}
            <input
              key={fileKey}
              {...fileProps}
              accept=".csv,text/csv"
              className={`govuk-file-upload${fileErrors?.length ? " govuk-file-upload--error" : ""}`}
            />
          </div>
          <button type="submit" name="intent" value="preview" className="govuk-button" data-module="govuk-button">
            Check the file
          </button>
        </Form>

        <h2 className="govuk-heading-m">The columns</h2>
        <p className="govuk-body">
          The first row names the columns, in any order. Columns with other names are left out.
        </p>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Columns of the file</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Column
              </th>
              <th scope="col" className="govuk-table__header">
                What it holds
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {IMPORT_COLUMNS.map((c) => (
              <tr className="govuk-table__row" key={c.name}>
                <th scope="row" className="govuk-table__header">
                  <code>{c.name}</code>
                  <span className="govuk-body-s app-muted govuk-!-display-block govuk-!-margin-bottom-0">
                    {c.required ? "Required" : "Optional"}
                  </span>
                </th>
                <td className="govuk-table__cell">{c.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="govuk-body">For example:</p>
        <div className="app-copy-box govuk-!-margin-bottom-6">
          <div>measure,period_start,period_end,value,source</div>
          <div>{`${example},2025-04-01,2026-03-31,7.1,Skills for Care`}</div>
        </div>

        <h2 className="govuk-heading-m">Measures you can import values for</h2>
        {measures.length ? (
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">
              Current quantitative measures (a qualitative measure’s milestones need a judgement, so they are submitted one by one)
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Name
                </th>
                <th scope="col" className="govuk-table__header">
                  Unit
                </th>
                <th scope="col" className="govuk-table__header">
                  Id
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {measures.map((m) => (
                <tr className="govuk-table__row" key={m.id}>
                  <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                    {m.name}
                  </th>
                  <td className="govuk-table__cell">{m.unitLabel}</td>
                  <td className="govuk-table__cell govuk-body-s app-copy-box">{m.id}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="govuk-body">This strategy has no quantitative measures yet. Define one before importing values for it.</p>
        )}
      </div>
    </div>
  );
}

/**
 * A GOV.UK error summary for the preview: what stopped the import, the choice not made, and each
 * row with problems, linking to it in the table. It takes focus when it appears.
 */
function ProblemSummary({ items }: { items: { href?: string; message: string }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = items.map((i) => i.message).join("|");
  useEffect(() => {
    if (!signature) return;
    ref.current?.focus();
    if (!document.title.startsWith(ERROR_TITLE_PREFIX)) document.title = ERROR_TITLE_PREFIX + document.title;
    return () => {
      if (document.title.startsWith(ERROR_TITLE_PREFIX)) document.title = document.title.slice(ERROR_TITLE_PREFIX.length);
    };
  }, [signature]);
  if (!items.length) return null;
  // The whole preview is the server's answer to the form. Following a link to "#row-4" is a
  // navigation to the router, which would drop that answer and show step 1 again, so with
  // JavaScript the link moves focus to the row instead (as GOV.UK's own error summary does).
  const focusTarget = (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(event.currentTarget.hash.slice(1));
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  };
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {items.map((item, i) => (
              <li key={i}>
                {item.href ? (
                  <a href={item.href} onClick={focusTarget}>
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

type Preview = Extract<NonNullable<ReturnType<typeof useActionData<typeof action>>>, { step: "preview" }>;

/** Step 2: every row checked, and the choice of what to import. */
function PreviewStep({ strategyId, preview, canVerify }: { strategyId: string; preview: Preview; canVerify: boolean }) {
  const [form, fields] = useForm<{ mode: string; verify: string; csv: string; source: string }>({
    id: "import-apply",
    lastResult: preview.result ?? undefined,
    shouldRevalidate: "onSubmit",
  });
  const withProblems = preview.rows.filter((r) => r.problems.length);
  const items = [
    ...(preview.notice ? [{ message: preview.notice }] : []),
    ...(fields.mode.errors ?? []).map((message) => ({ href: `#${fields.mode.id}`, message })),
    ...withProblems.map((r) => ({ href: `#row-${r.row}`, message: `Row ${r.row}: ${r.problems.join(". ")}` })),
  ];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ProblemSummary items={items} />
        <h1 className="govuk-heading-l">Check the rows before importing</h1>
        <p className="govuk-body-l govuk-!-font-weight-bold" id="import-counts">
          {importPreviewSummary(preview.valid, preview.invalid)}
        </p>
        <p className="govuk-body">Nothing has been saved yet.</p>
        {preview.ignoredColumns.length ? (
          <p className="govuk-body">
            {`These columns are not used and were left out: ${preview.ignoredColumns.map((c) => `“${c}”`).join(", ")}.`}
          </p>
        ) : null}

        <div className="app-table-scroll" role="region" aria-labelledby="import-rows-caption" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m" id="import-rows-caption">
              Rows in the file
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Row
                </th>
                <th scope="col" className="govuk-table__header">
                  Measure
                </th>
                <th scope="col" className="govuk-table__header">
                  Period
                </th>
                <th scope="col" className="govuk-table__header">
                  Value
                </th>
                <th scope="col" className="govuk-table__header">
                  Check
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {preview.rows.map((r) => (
                <tr className="govuk-table__row" key={r.row} id={`row-${r.row}`} tabIndex={-1}>
                  <th scope="row" className="govuk-table__header">
                    {r.row}
                  </th>
                  <td className="govuk-table__cell">{r.measure}</td>
                  <td className="govuk-table__cell">{r.period}</td>
                  <td className="govuk-table__cell">{r.value}</td>
                  <td className="govuk-table__cell">
                    {r.problems.length ? (
                      <>
                        <strong className="govuk-tag govuk-tag--red">Not imported</strong>
                        <ul className="govuk-list govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                          {r.problems.map((p) => (
                            <li key={p} className="govuk-!-font-size-16">
                              {p}
                            </li>
                          ))}
                        </ul>
                      </>
                    ) : (
                      <strong className="govuk-tag govuk-tag--green">Ready to import</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div className="govuk-grid-column-two-thirds">
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate>
          <input type="hidden" name="csv" value={preview.csv} />
          <input type="hidden" name="source" value={preview.source} />
          <ChoiceField
            field={fields.mode}
            legend="What should be imported?"
            type="radio"
            options={IMPORT_MODES.map((mode) => ({ value: mode, label: importModeLabels[mode], hint: importModeHints[mode] }))}
          />
          {canVerify ? (
            <ChoiceField
              field={fields.verify}
              legend="Review"
              type="checkbox"
              options={[
                {
                  value: "yes",
                  label: "Verify them as I import them",
                  hint: "Only if you have checked the figures against their source. Verified values count towards each measure’s status at once.",
                },
              ]}
            />
          ) : null}
          <div className="govuk-button-group">
            <button type="submit" name="intent" value="apply" className="govuk-button" data-module="govuk-button">
              Import
            </button>
            <Link className="govuk-link" to={`/strategies/${strategyId}/measures/import`}>
              Choose a different file
            </Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

type Result = Extract<NonNullable<ReturnType<typeof useActionData<typeof action>>>, { step: "result" }>;

/** Step 3: what was imported, and the rows that were not, with their report to download. */
function ImportResult({ strategyId, result }: { strategyId: string; result: Result }) {
  const base = `/strategies/${strategyId}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <SuccessBanner title="Import finished">{result.summary}</SuccessBanner>
        <h1 className="govuk-heading-l">Data points imported</h1>
        <p className="govuk-body">
          {result.verified
            ? "You verified them as you imported them, so they count towards each measure’s status now."
            : "They are waiting to be verified: they count towards each measure’s status once an evaluator or a facilitator verifies them."}
        </p>
        <ul className="govuk-list govuk-list--bullet">
          {result.measures.map((m) => (
            <li key={m.id}>
              <Link className="govuk-link" to={`${base}/measures/${m.id}`}>
                {m.name}
              </Link>{" "}
              {`(${m.count.toLocaleString("en-GB")} ${m.count === 1 ? "value" : "values"})`}
            </li>
          ))}
        </ul>
      </div>

      {result.rejected.length ? (
        <div className="govuk-grid-column-full">
          <h2 className="govuk-heading-m">Rows not imported</h2>
          <p className="govuk-body">
            Download them with their problems, correct them in your spreadsheet, and import that file: the problems column
            is left out.
          </p>
          <form method="post" action={`${base}/measures/import/report.csv`}>
            <input type="hidden" name="rows" value={result.report} />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Download the rejected rows (CSV)
            </button>
          </form>
          <div className="app-table-scroll" role="region" aria-labelledby="rejected-rows-caption" tabIndex={0}>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--s" id="rejected-rows-caption">
                Rows not imported, and why
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Row
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Measure
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Period
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Value
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Problems
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {result.rejected.map((r) => (
                  <tr className="govuk-table__row" key={r.row}>
                    <th scope="row" className="govuk-table__header">
                      {r.row}
                    </th>
                    <td className="govuk-table__cell">{r.measure}</td>
                    <td className="govuk-table__cell">{r.period}</td>
                    <td className="govuk-table__cell">{r.value}</td>
                    <td className="govuk-table__cell">{r.problems.join(". ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}

      <div className="govuk-grid-column-two-thirds">
        <ul className="govuk-list">
          <li>
            <Link className="govuk-link" to={`${base}/measures`}>
              Back to the measures
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`${base}/measures/import`} reloadDocument>
              Import another file
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
