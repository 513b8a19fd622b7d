import type { LoaderFunctionArgs } from "@remix-run/node";
import { MEASURES_CSV_HEADER, measureCsvRecord } from "~/domain/exports";
import { listMeasureExportPage, measureExportCursor } from "~/models/exports.server";
import { csvPages, csvResponse } from "~/utils/csv-export.server";
import { withDb } from "~/utils/http.server";
import { loadStrategyFor } from "~/utils/strategy-route.server";

/**
 * The strategy's measures with their data points as a CSV file (/strategies/:id/measures.csv):
 * one row per data point the reader may see, and one for a measure with none. Anyone who may read
 * the strategy may download it; RLS gives a visitor verified data points only.
 */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const chunks = await withDb(context, async (tx) => {
    const { strategy } = await loadStrategyFor(tx, context, params.strategyId);
    return csvPages(
      MEASURES_CSV_HEADER,
      (after, limit) => listMeasureExportPage(tx, strategy.id, after, limit),
      measureExportCursor,
      measureCsvRecord,
    );
  });
  return csvResponse(chunks, "measures");
}
