import type { Tx } from "~/platform/db.server";
import type { StatementBody } from "~/domain/statement-content";
import type { StatementKind, StatementStatus, StatementTheme } from "~/domain/statements";

export type Statement = {
  id: string;
  strategyId: string;
  kind: StatementKind;
  title: string;
  theme: StatementTheme;
  themeEdition: string;
  status: StatementStatus;
  bodyJson: StatementBody;
  bodyText: string;
  contentHash: string;
  contentVersion: number;
  contentUpdatedAt: string | null;
  easyRead: string;
  /** The easy-read summary was written for older text. */
  easyReadOutOfDate: boolean;
  easyReadUpdatedAt: string | null;
  archivedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export const statementColumns = `s.id, s.strategy_id as "strategyId", s.kind, s.title, s.theme,
  s.theme_edition as "themeEdition", s.status, s.body_json as "bodyJson", s.body_text as "bodyText",
  s.content_hash as "contentHash", s.content_version as "contentVersion",
  s.content_updated_at as "contentUpdatedAt", s.easy_read as "easyRead",
  (s.easy_read <> '' and s.easy_read_content_hash is distinct from s.content_hash) as "easyReadOutOfDate",
  s.easy_read_updated_at as "easyReadUpdatedAt", s.archived_at as "archivedAt",
  s.created_by as "createdBy", s.created_at as "createdAt", s.updated_at as "updatedAt"`;

/** One statement of a strategy, or undefined when there is none the person may read. */
export async function getStatement(tx: Tx, strategyId: string, id: string): Promise<Statement | undefined> {
  return tx.one<Statement>(`select ${statementColumns} from public.statements s where s.strategy_id = $1 and s.id = $2`, [
    strategyId,
    id,
  ]);
}

/** A statement by id alone (the collaboration server knows only the document name). */
export async function getStatementById(tx: Tx, id: string): Promise<Statement | undefined> {
  return tx.one<Statement>(`select ${statementColumns} from public.statements s where s.id = $1`, [id]);
}
