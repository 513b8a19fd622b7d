import { createHash } from "node:crypto";
import type { Database } from "~/platform/db.server";

/**
 * Checks that the audit log is the chain the database wrote: each row's hash is recomputed here,
 * in TypeScript, from the row's fields, rather than trusting app.audit_canonical or the stored
 * hash; each row must point at the hash of the row before it; and seq must run 1, 2, 3 … with no
 * gaps. A changed row breaks its own hash; a deleted row leaves a gap or a broken link.
 */
export type AuditVerification =
  | { ok: true; rows: number; lastHash: string | null }
  | { ok: false; firstBrokenSeq: number; reason: string };

/** The hash the first row points back to. */
export const GENESIS_HASH = "0".repeat(64);

/** One audit row with every field as the text app.audit_canonical joins. */
export type CanonicalAuditRow = {
  seq: string;
  occurredAt: string;
  actorId: string | null;
  strategyId: string | null;
  entityType: string;
  entityId: string | null;
  action: string;
  details: string;
  prevHash: string;
  hash: string;
};

/** The exact text the database hashes for a row (see app.audit_canonical in the migrations). */
export function canonicalText(row: CanonicalAuditRow): string {
  return [
    row.seq,
    row.occurredAt,
    row.actorId ?? "",
    row.strategyId ?? "",
    row.entityType,
    row.entityId ?? "",
    row.action,
    row.details,
    row.prevHash,
  ].join("|");
}

/** SHA-256 of the canonical text, as lowercase hex. */
export function hashAuditRow(row: CanonicalAuditRow): string {
  return createHash("sha256").update(canonicalText(row), "utf8").digest("hex");
}

const BATCH = 1000;

/** Reads the whole log in seq order, a batch at a time, and reports the first entry that does not hold. */
export async function verifyAuditChain(db: Database): Promise<AuditVerification> {
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let after = 0n;
  for (;;) {
    // Reading every row bypasses RLS: no reader's policy covers the whole log, and the verifier
    // must see every row to check the chain.
    const rows = await db.asService("audit verifier: read the whole audit log", (tx) =>
      tx.query<CanonicalAuditRow>(
        `select a.seq::text as seq,
                to_char(a.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "occurredAt",
                a.actor_id::text as "actorId", a.strategy_id::text as "strategyId", a.entity_type as "entityType",
                a.entity_id::text as "entityId", a.action, a.details::text as details, a.prev_hash as "prevHash", a.hash
           from public.audit_log a
          where a.seq > $1::bigint
          order by a.seq
          limit $2`,
        [after.toString(), BATCH],
      ),
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return {
          ok: false,
          firstBrokenSeq: expectedSeq,
          reason:
            seq > expectedSeq
              ? `entry ${expectedSeq} is missing (the next entry is ${seq})`
              : `entry ${seq} appears out of order (expected entry ${expectedSeq})`,
        };
      }
      if (row.prevHash !== previousHash) {
        return {
          ok: false,
          firstBrokenSeq: seq,
          reason:
            seq === 1
              ? "the first entry does not start the chain"
              : `it does not point to entry ${seq - 1} (an entry before it was changed or removed)`,
        };
      }
      if (hashAuditRow(row) !== row.hash) {
        return { ok: false, firstBrokenSeq: seq, reason: "its contents do not match its hash (it was changed after it was written)" };
      }
      previousHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < BATCH) break;
    after = BigInt(rows[rows.length - 1].seq);
  }
  return { ok: true, rows: expectedSeq - 1, lastHash: expectedSeq > 1 ? previousHash : null };
}
