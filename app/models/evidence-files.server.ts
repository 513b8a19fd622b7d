import type { EvidenceFileType } from "~/domain/evidence-files";
import type { Tx } from "~/platform/db.server";

/**
 * Evidence files: the rows that name a stored file (its server-made key, size, SHA-256, the type
 * its content showed and a name safe to show). The bytes live in the storage adapter. RLS shows a
 * file to whoever uploaded it and to whoever may read evidence that holds it.
 */
export type EvidenceFile = {
  id: string;
  strategyId: string;
  storageKey: string;
  sha256: string;
  byteSize: number;
  contentType: EvidenceFileType;
  fileName: string;
  uploadedBy: string;
  createdAt: Date;
};

/** Records a stored file as uploaded by the current person; returns its id. */
export async function insertEvidenceFile(
  tx: Tx,
  file: Pick<EvidenceFile, "strategyId" | "storageKey" | "sha256" | "byteSize" | "contentType" | "fileName">,
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `insert into public.evidence_files (strategy_id, storage_key, sha256, byte_size, content_type, file_name)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [file.strategyId, file.storageKey, file.sha256, file.byteSize, file.contentType, file.fileName],
  );
  return row!.id;
}

/** One file of a strategy, if the current reader may see it (else undefined, as if it did not exist). */
export async function getEvidenceFile(tx: Tx, strategyId: string, fileId: string): Promise<EvidenceFile | undefined> {
  const row = await tx.one<EvidenceFile & { byteSize: string }>(
    `select id, strategy_id as "strategyId", storage_key as "storageKey", sha256, byte_size as "byteSize",
            content_type as "contentType", file_name as "fileName", uploaded_by as "uploadedBy", created_at as "createdAt"
       from public.evidence_files where strategy_id = $1 and id = $2`,
    [strategyId, fileId],
  );
  // bigint arrives as a string; a file is at most a few megabytes.
  return row && { ...row, byteSize: Number(row.byteSize) };
}
