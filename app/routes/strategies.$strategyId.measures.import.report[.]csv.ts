import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, rejectedRowsReport } from "~/domain/data-point-import";
import { authorize } from "~/policies/strategy";
import { requireId, requireUser, withDb } from "~/utils/http.server";
import { FormTooLargeError, readLimitedForm } from "~/utils/limited-form.server";
import { loadStrategyFor } from "~/utils/strategy-route.server";

/**
 * The rejected rows report of an import (/strategies/:id/measures/import/report.csv), as a CSV
 * file to correct and import again. Nothing about an import is stored, so the result page posts
 * the rows it was given back here, and they are written out again, checked and with any text a
 * spreadsheet would run as a formula kept as text.
 */

const cell = z.string().max(20_000);
const reportSchema = z
  .array(
    z.object({
      record: z.object({
        row: z.number().int().min(1),
        measure: cell,
        periodStart: cell,
        periodEnd: cell,
        value: cell,
        source: cell,
        category: cell,
        note: cell,
        extraCells: z.number().int().min(0),
      }),
      problems: z.array(z.string().max(2000)).max(50),
    }),
  )
  .max(IMPORT_MAX_ROWS);

/** The report's rows with their problems can be a little larger than the file they came from. */
const FORM_LIMIT = IMPORT_MAX_BYTES * 3;

/** Nothing to show at this address: the import page is where the report comes from. */
export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/strategies/${requireId(params.strategyId)}/measures/import`);
}

export async function action({ context, params, request }: ActionFunctionArgs) {
  requireUser(context, request);
  await withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "review_evidence", strategy, "Only an evaluator or a facilitator of this strategy can import data points.");
  });
  let rows: z.infer<typeof reportSchema>;
  try {
    const formData = await readLimitedForm(request, FORM_LIMIT);
    const text = formData.get("rows");
    rows = reportSchema.parse(JSON.parse(typeof text === "string" ? text : ""));
  } catch (error) {
    if (error instanceof Response) throw error;
    const message = error instanceof FormTooLargeError ? "The report is too large." : "The report could not be made from what was sent.";
    throw new Response(message, { status: error instanceof FormTooLargeError ? 413 : 400 });
  }
  // The byte order mark tells spreadsheets the file is UTF-8 (names and curly quotes stay intact).
  const body = stringify(rejectedRowsReport(rows), { bom: true, record_delimiter: "windows" });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="rejected-rows-${date}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
