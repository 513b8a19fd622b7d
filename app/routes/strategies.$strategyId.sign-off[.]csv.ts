import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { readSignOffMatrixFilter, signOffCsvRecords } from "~/domain/sign-off-matrix";
import { listSignOffMatrixCells, listSignOffMatrixRows } from "~/models/sign-off-matrix.server";
import { authorize } from "~/policies/strategy";
import { withDb } from "~/utils/http.server";
import { loadStrategyFor } from "~/utils/strategy-route.server";

/**
 * The sign-off matrix as a CSV file (/strategies/:id/sign-off.csv), with the matrix page's
 * filters: one row per commitment and organisation asked. For members, like the matrix.
 */
export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const filter = readSignOffMatrixFilter(new URL(request.url));
  const records = await withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "read_sign_off", strategy);
    const rows = await listSignOffMatrixRows(tx, strategy.id, filter);
    const cells = await listSignOffMatrixCells(tx, strategy.id);
    return signOffCsvRecords(rows, cells);
  });
  // The byte order mark tells spreadsheets the file is UTF-8 (names and curly quotes stay intact).
  const body = stringify(records, { bom: true, record_delimiter: "windows" });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="sign-off-${date}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
