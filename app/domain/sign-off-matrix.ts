import { z } from "zod";
import { RESPONSIBLE_PARTIES } from "./responsible-parties";
import { SIGN_OFF_STATES, signOffStateLabels, type SignOffDecision, type SignOffState } from "./sign-off";

/**
 * The sign-off matrix (commitments × organisations) and its CSV export: the filters both read
 * from the address, and the CSV's rows. Browser-safe; the cell states and the agreed rule come
 * from the database (public.sign_off_cells, app.commitment_is_signed_off).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The matrix's filters; anything not offered is ignored rather than refused, as with any GET filter. */
export const signOffMatrixFilterSchema = z.object({
  priority: z.string().regex(UUID).optional().catch(undefined),
  party: z.enum(RESPONSIBLE_PARTIES).optional().catch(undefined),
  state: z.enum(SIGN_OFF_STATES).optional().catch(undefined),
});
export type SignOffMatrixFilter = z.infer<typeof signOffMatrixFilterSchema>;

/** The filters from a page's address (the matrix page and its CSV share them). */
export const readSignOffMatrixFilter = (url: URL): SignOffMatrixFilter =>
  signOffMatrixFilterSchema.parse(Object.fromEntries(url.searchParams));

/** The filters as a query string, "" when there are none, so the CSV link exports what is shown. */
export function signOffMatrixQuery(filter: SignOffMatrixFilter): string {
  const params = new URLSearchParams();
  for (const key of ["priority", "party", "state"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** "5 of 12 commitments agreed". */
export function agreedSummary(agreed: number, total: number): string {
  if (total === 0) return "This strategy has no commitments yet.";
  return `${agreed} of ${total} ${total === 1 ? "commitment" : "commitments"} agreed`;
}

/** What the CSV needs of one commitment (a row of the matrix). */
export type SignOffCsvCommitment = {
  id: string;
  priorityNumber: number;
  priorityTitle: string;
  text: string;
  revision: number;
};

/** What the CSV needs of one (commitment, organisation) cell. */
export type SignOffCsvCell = {
  commitmentId: string;
  organisationName: string;
  state: SignOffState;
  decidedRevision: number | null;
  decision: SignOffDecision | null;
  signedByName: string | null;
  signedAt: string | null;
  conditions: string | null;
  reason: string | null;
};

export const SIGN_OFF_CSV_HEADER = [
  "Priority",
  "Commitment",
  "Revision",
  "Organisation",
  "State",
  "Decided revision",
  "Decision",
  "Signed by",
  "Signed at",
  "Conditions",
  "Reason",
];

/** The words for a commitment that no organisation has been asked to sign off. */
export const NO_ORGANISATION_ASKED = "No organisation asked";

/**
 * A spreadsheet treats a cell that starts with = + - or @ (or a tab or carriage return, which
 * some strip before looking) as a formula, so text someone typed into a commitment, a condition
 * or a reason could run as one when a partner opens the export ("CSV injection"). A leading
 * apostrophe makes the spreadsheet show it as text; the words themselves are unchanged.
 */
export function guardSpreadsheetFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The CSV's records, header first: one row per (commitment, organisation), in the matrix's
 * order; a commitment no organisation is asked to sign off still has one row, saying so.
 */
export function signOffCsvRecords(commitments: SignOffCsvCommitment[], cells: SignOffCsvCell[]): string[][] {
  const rows: (string | number | null)[][] = [];
  for (const c of commitments) {
    const priority = `Priority ${c.priorityNumber}: ${c.priorityTitle}`;
    const own = cells.filter((cell) => cell.commitmentId === c.id);
    if (!own.length) rows.push([priority, c.text, c.revision, "", NO_ORGANISATION_ASKED, null, null, null, null, null, null]);
    for (const cell of own) {
      rows.push([
        priority,
        c.text,
        c.revision,
        cell.organisationName,
        signOffStateLabels[cell.state],
        cell.decidedRevision,
        cell.decision ? signOffStateLabels[cell.decision] : null,
        cell.signedByName,
        cell.signedAt ? new Date(cell.signedAt).toISOString() : null,
        cell.conditions,
        cell.reason,
      ]);
    }
  }
  return [SIGN_OFF_CSV_HEADER, ...rows.map((row) => row.map((value) => guardSpreadsheetFormula(value === null ? "" : String(value))))];
}
