import type { Tx } from "~/platform/db.server";
import type { StatementBody } from "~/domain/statement-content";
import { UNSEEN_ACTOR_NAME } from "~/domain/audit";
import {
  STATEMENT_THEMES,
  isAgreementBlocker,
  type AgreementBlocker,
  type StatementKind,
  type StatementStatus,
  type StatementTheme,
} from "~/domain/statements";

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

/** A statement as a list shows it: its words and facts, and how much is going on around it. */
export type StatementListItem = {
  id: string;
  kind: StatementKind;
  title: string;
  theme: StatementTheme;
  status: StatementStatus;
  archivedAt: string | null;
  contentUpdatedAt: string | null;
  createdAt: string;
  /** Discussion threads not yet resolved (0 for people who may not read the discussion: RLS hides it). */
  openThreadCount: number;
  /** Endorsements of the current text (an edit afterwards leaves older ones out of date). */
  endorsementCount: number;
  /** "I" statements a "we" statement answers. */
  answersCount: number;
  /** "We" statements that answer an "I" statement. */
  answeredByCount: number;
  priorityCount: number;
  commitmentCount: number;
};

export type StatementFilter = {
  kind?: StatementKind;
  theme?: StatementTheme;
  status?: StatementStatus;
  /** Archived statements instead of current ones. */
  archived?: boolean;
};

const listColumns = `s.id, s.kind, s.title, s.theme, s.status, s.archived_at as "archivedAt",
  s.content_updated_at as "contentUpdatedAt", s.created_at as "createdAt",
  (select count(*)::int from public.statement_comments c
    where c.statement_id = s.id and c.parent_id is null and c.resolved_at is null) as "openThreadCount",
  (select count(*)::int from public.statement_endorsements e
    where e.statement_id = s.id and e.content_hash = s.content_hash) as "endorsementCount",
  (select count(*)::int from public.statement_links l
    where l.statement_id = s.id and l.target_kind = 'i_statement') as "answersCount",
  (select count(*)::int from public.statement_links l where l.i_statement_id = s.id) as "answeredByCount",
  (select count(*)::int from public.statement_links l
    where l.statement_id = s.id and l.target_kind = 'priority') as "priorityCount",
  (select count(*)::int from public.statement_links l
    where l.statement_id = s.id and l.target_kind = 'commitment') as "commitmentCount"`;

/** A strategy's statements, filtered, in theme order ("I" statements before "we" ones, then oldest first). */
export async function listStatements(tx: Tx, strategyId: string, filter: StatementFilter = {}): Promise<StatementListItem[]> {
  return tx.query<StatementListItem>(
    `select ${listColumns} from public.statements s
      where s.strategy_id = $1
        and ($2::text is null or s.kind = $2)
        and ($3::text is null or s.theme = $3)
        and ($4::text is null or s.status = $4)
        and (s.archived_at is not null) = $5
      order by array_position($6::text[], s.theme), s.kind, s.created_at, s.id`,
    [strategyId, filter.kind ?? null, filter.theme ?? null, filter.status ?? null, filter.archived ?? false, [...STATEMENT_THEMES]],
  );
}

export type StatementDetails = { kind: StatementKind; title: string; theme: StatementTheme };

/** Inserts a statement as a draft with an empty text; returns its id. */
export async function insertStatement(
  tx: Tx,
  input: StatementDetails & { strategyId: string; createdBy: string },
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `insert into public.statements (strategy_id, kind, title, theme, created_by)
     values ($1, $2, $3, $4, $5) returning id`,
    [input.strategyId, input.kind, input.title, input.theme, input.createdBy],
  );
  return row!.id;
}

/** Changes a statement's kind, title and theme. False when there is no such statement. */
export async function updateStatementDetails(tx: Tx, strategyId: string, id: string, details: StatementDetails): Promise<boolean> {
  const rows = await tx.query(
    `update public.statements set kind = $3, title = $4, theme = $5
      where strategy_id = $1 and id = $2 returning id`,
    [strategyId, id, details.kind, details.title, details.theme],
  );
  return rows.length === 1;
}

/** Archives or restores a statement. False when there is no such statement. */
export async function setStatementArchived(tx: Tx, strategyId: string, id: string, archived: boolean): Promise<boolean> {
  const rows = await tx.query(
    `update public.statements set archived_at = case when $3 then coalesce(archived_at, now()) end
      where strategy_id = $1 and id = $2 returning id`,
    [strategyId, id, archived],
  );
  return rows.length === 1;
}

/** Another statement as a link shows it. */
export type LinkedStatement = {
  linkId: string;
  id: string;
  kind: StatementKind;
  title: string;
  theme: StatementTheme;
  status: StatementStatus;
  archivedAt: string | null;
};

export type LinkedPriority = { linkId: string; id: string; title: string; position: number; archivedAt: string | null };

export type LinkedCommitment = {
  linkId: string;
  id: string;
  text: string;
  priorityId: string;
  priorityTitle: string;
  archivedAt: string | null;
};

/** What a statement links to and what links to it: both ends of every link. */
export type StatementLinks = {
  /** The "I" statements this "we" statement answers. */
  answers: LinkedStatement[];
  /** The "we" statements that answer this "I" statement. */
  answeredBy: LinkedStatement[];
  priorities: LinkedPriority[];
  commitments: LinkedCommitment[];
};

/** Every link of one statement, in both directions. */
export async function listStatementLinks(tx: Tx, statementId: string): Promise<StatementLinks> {
  // One after another: a transaction is one connection, which runs one query at a time anyway.
  const answers = await tx.query<LinkedStatement>(
    `select l.id as "linkId", s.id, s.kind, s.title, s.theme, s.status, s.archived_at as "archivedAt"
       from public.statement_links l join public.statements s on s.id = l.i_statement_id
      where l.statement_id = $1 order by s.title`,
    [statementId],
  );
  const answeredBy = await tx.query<LinkedStatement>(
    `select l.id as "linkId", s.id, s.kind, s.title, s.theme, s.status, s.archived_at as "archivedAt"
       from public.statement_links l join public.statements s on s.id = l.statement_id
      where l.i_statement_id = $1 order by s.title`,
    [statementId],
  );
  const priorities = await tx.query<LinkedPriority>(
    `select l.id as "linkId", p.id, p.title, p.position, p.archived_at as "archivedAt"
       from public.statement_links l join public.priorities p on p.id = l.priority_id
      where l.statement_id = $1 order by p.position`,
    [statementId],
  );
  const commitments = await tx.query<LinkedCommitment>(
    `select l.id as "linkId", c.id, c.text, p.id as "priorityId", p.title as "priorityTitle",
            coalesce(c.archived_at, p.archived_at) as "archivedAt"
       from public.statement_links l
       join public.commitments c on c.id = l.commitment_id
       join public.priorities p on p.id = c.priority_id
      where l.statement_id = $1 order by p.position, c.position`,
    [statementId],
  );
  return { answers, answeredBy, priorities, commitments };
}

/** A statement as a priority's or commitment's page lists it. */
export type StatementReference = {
  id: string;
  kind: StatementKind;
  title: string;
  theme: StatementTheme;
  status: StatementStatus;
};

const referenceColumns = `s.id, s.kind, s.title, s.theme, s.status`;

/** The current statements linked to a priority ("I" statements first). */
export async function listStatementsForPriority(tx: Tx, priorityId: string): Promise<StatementReference[]> {
  return tx.query<StatementReference>(
    `select ${referenceColumns} from public.statement_links l join public.statements s on s.id = l.statement_id
      where l.priority_id = $1 and s.archived_at is null order by s.kind, s.title`,
    [priorityId],
  );
}

/** The current statements linked to a commitment ("I" statements first). */
export async function listStatementsForCommitment(tx: Tx, commitmentId: string): Promise<StatementReference[]> {
  return tx.query<StatementReference>(
    `select ${referenceColumns} from public.statement_links l join public.statements s on s.id = l.statement_id
      where l.commitment_id = $1 and s.archived_at is null order by s.kind, s.title`,
    [commitmentId],
  );
}

export type StatementLinkTarget =
  | { kind: "i_statement"; id: string }
  | { kind: "priority"; id: string }
  | { kind: "commitment"; id: string };

/**
 * Inserts a link unless it exists already; true when it was added. The database checks that
 * both ends belong to the strategy and that only a "we" statement answers an "I" statement.
 */
export async function insertStatementLink(
  tx: Tx,
  input: { strategyId: string; statementId: string; target: StatementLinkTarget; createdBy: string },
): Promise<boolean> {
  const { target } = input;
  const rows = await tx.query(
    `insert into public.statement_links (strategy_id, statement_id, target_kind, i_statement_id, priority_id, commitment_id, created_by)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (statement_id, i_statement_id, priority_id, commitment_id) do nothing
     returning id`,
    [
      input.strategyId,
      input.statementId,
      target.kind,
      target.kind === "i_statement" ? target.id : null,
      target.kind === "priority" ? target.id : null,
      target.kind === "commitment" ? target.id : null,
      input.createdBy,
    ],
  );
  return rows.length === 1;
}

/**
 * Removes one link, from either end: the link must start or end at this statement. False when
 * there is no such link.
 */
export async function deleteStatementLink(tx: Tx, strategyId: string, statementId: string, linkId: string): Promise<boolean> {
  const rows = await tx.query(
    `delete from public.statement_links
      where strategy_id = $1 and id = $3 and (statement_id = $2 or i_statement_id = $2)
      returning id`,
    [strategyId, statementId, linkId],
  );
  return rows.length === 1;
}

/** A statement a select offers, for linking. */
export type StatementOption = { id: string; title: string; theme: StatementTheme };

/** The current statements of one kind in a strategy, for the link forms' selects. */
export async function listStatementOptions(tx: Tx, strategyId: string, kind: StatementKind): Promise<StatementOption[]> {
  return tx.query<StatementOption>(
    `select s.id, s.title, s.theme from public.statements s
      where s.strategy_id = $1 and s.kind = $2 and s.archived_at is null
      order by array_position($3::text[], s.theme), s.title`,
    [strategyId, kind, [...STATEMENT_THEMES]],
  );
}

/** Discussion threads on a statement not yet resolved (0 for people RLS keeps from the discussion). */
export async function countOpenThreads(tx: Tx, statementId: string): Promise<number> {
  const row = await tx.one<{ count: number }>(
    `select count(*)::int as count from public.statement_comments
      where statement_id = $1 and parent_id is null and resolved_at is null`,
    [statementId],
  );
  return row?.count ?? 0;
}

// Status and agreement.

/**
 * Why the statement cannot be marked agreed now, or null when it can. The rule lives in one
 * place, the database function app.statement_agreement_blocker, which app.set_statement_status
 * also asks; the interface only reads its answer.
 */
export async function agreementBlocker(tx: Tx, statementId: string): Promise<AgreementBlocker | null> {
  const row = await tx.one<{ blocker: string | null }>("select app.statement_agreement_blocker($1) as blocker", [statementId]);
  const blocker = row?.blocker ?? null;
  if (blocker !== null && !isAgreementBlocker(blocker)) throw new Error(`Unknown agreement blocker: ${blocker}`);
  return blocker;
}

/**
 * Moves a statement to another status through app.set_statement_status, which decides who may
 * make which move and refuses agreement while a blocker remains (its hint names the blocker).
 */
export async function setStatementStatus(tx: Tx, statementId: string, status: StatementStatus): Promise<void> {
  await tx.query("select app.set_statement_status($1, $2)", [statementId, status]);
}

// The easy-read summary.

/** Who last changed a statement's easy-read summary, and when. */
export type EasyReadEdit = { updatedAt: Date; updatedByName: string };

/** Who last changed the easy-read summary, or undefined when no one has. */
export async function getEasyReadEdit(tx: Tx, statementId: string): Promise<EasyReadEdit | undefined> {
  return tx.one<EasyReadEdit>(
    `select s.easy_read_updated_at as "updatedAt", coalesce(p.chosen_name, p.display_name, $1::text) as "updatedByName"
       from public.statements s left join public.profiles p on p.id = s.easy_read_updated_by
      where s.id = $2 and s.easy_read_updated_at is not null`,
    [UNSEEN_ACTOR_NAME, statementId],
  );
}

/**
 * Replaces the easy-read summary (RLS: co-writers). A trigger records who wrote it, when, and
 * for which text, so the summary is marked out of date once the statement changes.
 */
export async function updateEasyRead(tx: Tx, strategyId: string, statementId: string, easyRead: string): Promise<boolean> {
  const rows = await tx.query(
    "update public.statements set easy_read = $3 where strategy_id = $1 and id = $2 returning id",
    [strategyId, statementId, easyRead],
  );
  return rows.length === 1;
}
