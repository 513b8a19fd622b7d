import type { LoaderFunctionArgs } from "@remix-run/node";
import { EVIDENCE_CSV_HEADER, evidenceCsvRecord } from "~/domain/exports";
import { evidenceExportCursor, listEvidenceExportPage } from "~/models/exports.server";
import { csvPages, csvResponse } from "~/utils/csv-export.server";
import { withDb } from "~/utils/http.server";
import { loadStrategyFor } from "~/utils/strategy-route.server";

/**
 * The strategy's evidence as a CSV file (/strategies/:id/evidence.csv): what each item is, what
 * it is for and where it stands, never what it says or its file. Each reader gets what RLS lets
 * them see (a visitor: verified items, and stories only with consent to publish).
 */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const chunks = await withDb(context, async (tx) => {
    const { strategy } = await loadStrategyFor(tx, context, params.strategyId);
    return csvPages(
      EVIDENCE_CSV_HEADER,
      (after, limit) => listEvidenceExportPage(tx, strategy.id, after, limit),
      evidenceExportCursor,
      evidenceCsvRecord,
    );
  });
  return csvResponse(chunks, "evidence");
}
