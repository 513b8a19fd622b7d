import type { Tx } from "~/platform/db.server";

/**
 * Published versions of a strategy. The database numbers each one, takes its snapshot, counts the
 * agreed commitments and names who published it (app.strategy_publication_bookkeeping); a version
 * is never changed or removed. Readers of the strategy read its versions (RLS).
 */
export type PublicationSummary = {
  id: string;
  number: number;
  title: string;
  contentHash: string;
  commitmentsTotal: number;
  commitmentsAgreed: number;
  allAgreed: boolean;
  overrideReason: string | null;
  publishedByName: string;
  publishedAt: string;
};

export type Publication = PublicationSummary & {
  /** The snapshot as stored: parse it with publicationSnapshotSchema (domain/publication.ts). */
  snapshot: unknown;
};

const summaryColumns = `id, number, title, content_hash as "contentHash", commitments_total as "commitmentsTotal",
  commitments_agreed as "commitmentsAgreed", all_agreed as "allAgreed", override_reason as "overrideReason",
  published_by_name as "publishedByName", published_at as "publishedAt"`;

const withIsoDate = <T extends { publishedAt: string | Date }>(row: T): T => ({ ...row, publishedAt: new Date(row.publishedAt).toISOString() });

/**
 * Publishes the strategy as it stands now; returns the new version's number. The database
 * refuses (23514) when not every commitment is agreed and no reason is given.
 */
export async function insertPublication(tx: Tx, strategyId: string, overrideReason: string | null): Promise<number> {
  const row = await tx.one<{ number: number }>(
    "insert into public.strategy_publications (strategy_id, override_reason) values ($1, $2) returning number",
    [strategyId, overrideReason],
  );
  return row!.number;
}

/** A strategy's published versions, newest first, without their snapshots. */
export async function listPublications(tx: Tx, strategyId: string): Promise<PublicationSummary[]> {
  const rows = await tx.query<PublicationSummary>(
    `select ${summaryColumns} from public.strategy_publications where strategy_id = $1 order by number desc`,
    [strategyId],
  );
  return rows.map(withIsoDate);
}

/** One published version, by its number, with its snapshot; undefined when there is none. */
export async function getPublication(tx: Tx, strategyId: string, number: number): Promise<Publication | undefined> {
  const row = await tx.one<Publication>(
    `select ${summaryColumns}, snapshot from public.strategy_publications where strategy_id = $1 and number = $2`,
    [strategyId, number],
  );
  return row && withIsoDate(row);
}
