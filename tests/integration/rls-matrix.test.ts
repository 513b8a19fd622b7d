import { createHash, randomBytes, randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims, Tx } from "~/platform/db.server";
import type { Role } from "~/domain/roles";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createOrganisation, createStrategy, createUser, type TestUser } from "../support/factories";

/*
 * Row Level Security, table by table: for every table in schema public, every action, and every
 * kind of person, what the database allows and what it refuses. Each case acts through
 * db.asUser (role authenticated or anon, so RLS applies); writes that succeed are rolled back, so
 * no case sees another's changes. The owner role is used only to look at what a statement did.
 */

const ACTORS = [
  "visitor",
  "facilitator",
  "lived_experience",
  "worker",
  "partner",
  "signatory",
  "evaluator",
  "observer",
  "outsider",
] as const;
type Actor = (typeof ACTORS)[number];
type MemberActor = Exclude<Actor, "visitor" | "outsider">;

const VISIBILITIES = ["private", "public"] as const;
type Visibility = (typeof VISIBILITIES)[number];

const ACTIONS = ["select", "insert", "update", "delete"] as const;
type Action = (typeof ACTIONS)[number];

const PUBLIC_TABLES = [
  "organisations",
  "profiles",
  "strategies",
  "strategy_members",
  "member_roles",
  "invitations",
  "priorities",
  "context_figures",
  "commitments",
  "statements",
  "statement_documents",
  "statement_links",
  "statement_versions",
  "statement_comments",
  "statement_endorsements",
  "statement_contributions",
  "commitment_revisions",
  "sign_off_defaults",
  "sign_off_organisations",
  "sign_off_requests",
  "sign_off_decisions",
  "strategy_publications",
  "measures",
  "measure_links",
  "evidence_files",
  "evidence",
  "evidence_tallies",
  "audit_log",
] as const;
type PublicTable = (typeof PUBLIC_TABLES)[number];

// Who is who. The outsider is a facilitator, but of another strategy only.
const members = ["facilitator", "lived_experience", "worker", "partner", "signatory", "evaluator", "observer"] as const;
const signedIn: readonly Actor[] = [...members, "outsider"];
const everyone: readonly Actor[] = ACTORS;
const facilitatorOnly: readonly Actor[] = ["facilitator"];
const facilitatorsAnywhere: readonly Actor[] = ["facilitator", "outsider"];
/** Who signs off for the signatory's organisation (app.is_signatory_for). */
const signatoryOnly: readonly Actor[] = ["signatory"];
/** Who co-writes statements: every member role except observer (app.can_write_statements). */
const coWriters = ["facilitator", "lived_experience", "worker", "partner", "signatory", "evaluator"] as const;
const nobody: readonly Actor[] = [];
/** Who defines measures and reviews evidence (app.can_review_evidence). */
const reviewers: readonly Actor[] = ["facilitator", "evaluator"];
/** A strategy's readers: its members, and everyone when it is public. */
const readers = { private: members, public: everyone } as const;

type Allowed = readonly Actor[] | { readonly private: readonly Actor[]; readonly public: readonly Actor[] };
const allowedOn = (allowed: Allowed, visibility: Visibility): readonly Actor[] =>
  "private" in allowed ? allowed[visibility] : allowed;

/** The rows of one strategy that cases act on. */
type Place = {
  strategyId: string;
  priorityId: string;
  commitmentId: string;
  contextFigureId: string;
  invitationId: string;
  subjectRoleId: string;
  /** An "I" statement with text, a stored document, a saved version, a comment and an endorsement by the subject. */
  statementId: string;
  /** A "we" statement that answers the "I" statement; every co-writer has endorsed it. */
  weStatementId: string;
  /** The link from the "we" statement to the "I" statement. */
  statementLinkId: string;
  statementVersionId: string;
  /** A comment by the subject that starts a thread on the "I" statement. */
  statementCommentId: string;
  /** The subject's endorsement of the "I" statement's current text. */
  statementEndorsementId: string;
  /** The current content hash of the "I" statement. */
  statementContentHash: string;
  /** Each co-writer's own endorsement of the "we" statement. */
  ownEndorsementIds: Record<(typeof coWriters)[number], string>;
  /** The commitment's first revision; an edit has since made it revision 2. */
  revisionId: string;
  /** The strategy-wide default: the signatory's organisation signs off every new commitment. */
  signOffDefaultId: string;
  /** The signatory's organisation, required to sign off the commitment. */
  signOffOrganisationId: string;
  /** The request to the signatory's organisation to sign off revision 1. */
  signOffRequestId: string;
  /** The signatory's endorsement of revision 1, stale since the edit. */
  signOffDecisionId: string;
  /** Version 1 of the strategy, published with a reason while not everything was agreed. */
  publicationId: string;
  /** A quantitative measure, linked to the commitment. */
  measureId: string;
  measureLinkId: string;
  /**
   * Evidence the subject (a worker) submitted, each in one state: a document still submitted, a
   * document returned for more information, a document verified, feedback rejected, and two
   * verified stories, one the person agreed may be published and one they did not.
   */
  evidence: Record<"submitted" | "returned" | "verified" | "rejected" | "publishedStory" | "unpublishedStory", string>;
  /** The files of the subject's three documents, and one the subject uploaded that no evidence holds yet. */
  files: Record<"submitted" | "returned" | "verified" | "unattached", string>;
  /** Each member's own evidence: one item still submitted, one returned to them for more information. */
  ownEvidence: Record<MemberActor, { submitted: string; returned: string }>;
};

type World = {
  users: Record<MemberActor | "outsider" | "subject" | "newcomer", TestUser>;
  /** The organisation the signatory signs for. */
  signatoryOrganisationId: string;
  /** Another organisation that must sign off the commitment, asked and not yet decided; no one here signs for it. */
  otherSignerOrganisationId: string;
  /** An organisation that must sign off the commitment but has not been asked yet. */
  notAskedOrganisationId: string;
  /** An organisation the commitment does not ask to sign off. */
  notRequiredOrganisationId: string;
  /** An organisation nothing refers to, for updates and deletes. */
  spareOrganisationId: string;
  strategies: Record<Visibility, Place>;
};

/** One case: the strategy under test, the person acting (null for a visitor) and a new id to use. */
type Case = { world: World; place: Place; me: TestUser | null; fresh: string };

type Statement = [text: string, params: unknown[]];
type Read = { allowed: Allowed; rows: (c: Case) => Statement };
type Write = {
  allowed: Allowed;
  attempt: (c: Case) => Statement;
  /** What the attempt would change, read past RLS before and after it. */
  look: (c: Case) => Statement;
};
type MatrixRow = {
  table: PublicTable;
  about: string;
  /** Who to try; everyone unless the rows only make sense for some. */
  actors?: readonly Actor[];
  /** Rows that belong to no strategy are tried once, not on each kind of strategy. */
  acrossStrategies?: true;
} & Partial<Record<"select", Read> & Record<Exclude<Action, "select">, Write>>;

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const myId = (c: Case) => c.me?.id ?? null;
/** The acting member's own evidence. */
const ownEvidence = (c: Case) => {
  const mine = members.find((m) => c.me?.id === c.world.users[m].id);
  if (!mine) throw new Error("only a member has evidence of their own");
  return c.place.ownEvidence[mine];
};
const ownEndorsement = (c: Case) => {
  const mine = coWriters.find((w) => c.me?.id === c.world.users[w].id);
  if (!mine) throw new Error("only a co-writer has an endorsement of their own");
  return c.place.ownEndorsementIds[mine];
};

const MATRIX: MatrixRow[] = [
  {
    table: "organisations",
    about: "the directory of organisations",
    acrossStrategies: true,
    select: { allowed: everyone, rows: (c) => ["select id from public.organisations where id = $1", [c.world.spareOrganisationId]] },
    insert: {
      allowed: facilitatorsAnywhere,
      attempt: (c) => ["insert into public.organisations (id, name) values ($1, $2)", [c.fresh, `Organisation ${c.fresh}`]],
      look: (c) => ["select id from public.organisations where id = $1", [c.fresh]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.organisations set name = $2 where id = $1", [c.world.spareOrganisationId, `Renamed ${c.fresh}`]],
      look: (c) => ["select name from public.organisations where id = $1", [c.world.spareOrganisationId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.organisations where id = $1", [c.world.spareOrganisationId]],
      look: (c) => ["select id from public.organisations where id = $1", [c.world.spareOrganisationId]],
    },
  },
  {
    table: "profiles",
    about: "a fellow member's profile",
    acrossStrategies: true,
    select: { allowed: members, rows: (c) => ["select id from public.profiles where id = $1", [c.world.users.subject.id]] },
    insert: {
      allowed: nobody,
      attempt: (c) => ["insert into public.profiles (id, display_name) values ($1, 'Someone else')", [c.world.users.newcomer.id]],
      look: (c) => ["select display_name from public.profiles where id = $1", [c.world.users.newcomer.id]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.profiles set display_name = 'Renamed by someone else' where id = $1", [c.world.users.subject.id]],
      look: (c) => ["select display_name from public.profiles where id = $1", [c.world.users.subject.id]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.profiles where id = $1", [c.world.users.subject.id]],
      look: (c) => ["select id from public.profiles where id = $1", [c.world.users.subject.id]],
    },
  },
  {
    table: "profiles",
    about: "one's own profile",
    acrossStrategies: true,
    actors: signedIn,
    select: { allowed: signedIn, rows: (c) => ["select id from public.profiles where id = $1", [myId(c)]] },
    insert: {
      allowed: nobody,
      attempt: (c) => ["insert into public.profiles (id, display_name) values ($1, 'A second me')", [myId(c)]],
      look: (c) => ["select display_name from public.profiles where id = $1", [myId(c)]],
    },
    update: {
      allowed: signedIn,
      attempt: (c) => ["update public.profiles set chosen_name = 'A chosen name' where id = $1", [myId(c)]],
      look: (c) => ["select chosen_name from public.profiles where id = $1", [myId(c)]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.profiles where id = $1", [myId(c)]],
      look: (c) => ["select id from public.profiles where id = $1", [myId(c)]],
    },
  },
  {
    table: "strategies",
    about: "the strategy itself",
    select: { allowed: readers, rows: (c) => ["select id from public.strategies where id = $1", [c.place.strategyId]] },
    update: {
      allowed: facilitatorOnly,
      attempt: (c) => ["update public.strategies set title = 'A renamed strategy' where id = $1", [c.place.strategyId]],
      look: (c) => ["select title from public.strategies where id = $1", [c.place.strategyId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.strategies where id = $1", [c.place.strategyId]],
      look: (c) => ["select id from public.strategies where id = $1", [c.place.strategyId]],
    },
  },
  {
    table: "strategies",
    about: "a new strategy of one's own",
    acrossStrategies: true,
    insert: {
      allowed: signedIn,
      attempt: (c) => ["insert into public.strategies (id, title, created_by) values ($1, 'A strategy of my own', $2)", [c.fresh, myId(c)]],
      look: (c) => ["select id from public.strategies where id = $1", [c.fresh]],
    },
  },
  {
    table: "strategies",
    about: "a new strategy in someone else's name",
    acrossStrategies: true,
    actors: signedIn,
    insert: {
      allowed: nobody,
      attempt: (c) => [
        "insert into public.strategies (id, title, created_by) values ($1, 'A strategy in their name', $2)",
        [c.fresh, c.world.users.subject.id],
      ],
      look: (c) => ["select id from public.strategies where id = $1", [c.fresh]],
    },
  },
  {
    table: "strategy_members",
    about: "another member's membership",
    select: {
      allowed: members,
      rows: (c) => [
        "select user_id from public.strategy_members where strategy_id = $1 and user_id = $2",
        [c.place.strategyId, c.world.users.subject.id],
      ],
    },
    insert: {
      allowed: facilitatorOnly,
      attempt: (c) => [
        "insert into public.strategy_members (strategy_id, user_id, invited_by) values ($1, $2, $3)",
        [c.place.strategyId, c.world.users.newcomer.id, myId(c)],
      ],
      look: (c) => [
        "select user_id from public.strategy_members where strategy_id = $1 and user_id = $2",
        [c.place.strategyId, c.world.users.newcomer.id],
      ],
    },
    update: {
      allowed: facilitatorOnly,
      attempt: (c) => [
        "update public.strategy_members set organisation_id = $3 where strategy_id = $1 and user_id = $2",
        [c.place.strategyId, c.world.users.subject.id, c.world.spareOrganisationId],
      ],
      look: (c) => [
        "select organisation_id from public.strategy_members where strategy_id = $1 and user_id = $2",
        [c.place.strategyId, c.world.users.subject.id],
      ],
    },
    delete: {
      allowed: facilitatorOnly,
      attempt: (c) => [
        "delete from public.strategy_members where strategy_id = $1 and user_id = $2",
        [c.place.strategyId, c.world.users.subject.id],
      ],
      look: (c) => [
        "select user_id from public.strategy_members where strategy_id = $1 and user_id = $2",
        [c.place.strategyId, c.world.users.subject.id],
      ],
    },
  },
  {
    table: "strategy_members",
    about: "joining a strategy without an invitation",
    actors: ["outsider"],
    insert: {
      allowed: nobody,
      attempt: (c) => [
        "insert into public.strategy_members (strategy_id, user_id, invited_by) values ($1, $2, $2)",
        [c.place.strategyId, myId(c)],
      ],
      look: (c) => [
        "select user_id from public.strategy_members where strategy_id = $1 and user_id = $2",
        [c.place.strategyId, myId(c)],
      ],
    },
  },
  {
    table: "member_roles",
    about: "another member's role",
    select: { allowed: members, rows: (c) => ["select id from public.member_roles where id = $1", [c.place.subjectRoleId]] },
    insert: {
      allowed: facilitatorOnly,
      attempt: (c) => [
        "insert into public.member_roles (id, strategy_id, user_id, role, granted_by) values ($1, $2, $3, 'evaluator', $4)",
        [c.fresh, c.place.strategyId, c.world.users.subject.id, myId(c)],
      ],
      look: (c) => ["select id from public.member_roles where id = $1", [c.fresh]],
    },
    update: {
      allowed: facilitatorOnly,
      attempt: (c) => ["update public.member_roles set role = 'observer' where id = $1", [c.place.subjectRoleId]],
      look: (c) => ["select role from public.member_roles where id = $1", [c.place.subjectRoleId]],
    },
    delete: {
      allowed: facilitatorOnly,
      attempt: (c) => ["delete from public.member_roles where id = $1", [c.place.subjectRoleId]],
      look: (c) => ["select id from public.member_roles where id = $1", [c.place.subjectRoleId]],
    },
  },
  {
    table: "member_roles",
    about: "giving oneself the facilitator role",
    actors: signedIn.filter((a) => a !== "facilitator"),
    insert: {
      allowed: nobody,
      attempt: (c) => [
        "insert into public.member_roles (id, strategy_id, user_id, role, granted_by) values ($1, $2, $3, 'facilitator', $3)",
        [c.fresh, c.place.strategyId, myId(c)],
      ],
      look: (c) => ["select id from public.member_roles where id = $1", [c.fresh]],
    },
  },
  {
    table: "invitations",
    about: "invitations to the strategy",
    select: { allowed: facilitatorOnly, rows: (c) => ["select id from public.invitations where id = $1", [c.place.invitationId]] },
    insert: {
      allowed: facilitatorOnly,
      attempt: (c) => [
        `insert into public.invitations (id, strategy_id, email, roles, token_hash, invited_by)
         values ($1, $2, $3, '{worker}', $4, $5)`,
        [c.fresh, c.place.strategyId, `invitee-${c.fresh}@example.test`, sha256(c.fresh), myId(c)],
      ],
      look: (c) => ["select id from public.invitations where id = $1", [c.fresh]],
    },
    update: {
      allowed: facilitatorOnly,
      attempt: (c) => ["update public.invitations set revoked_at = now() where id = $1", [c.place.invitationId]],
      look: (c) => ["select revoked_at is not null as revoked from public.invitations where id = $1", [c.place.invitationId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.invitations where id = $1", [c.place.invitationId]],
      look: (c) => ["select id from public.invitations where id = $1", [c.place.invitationId]],
    },
  },
  {
    table: "priorities",
    about: "the strategy's priorities",
    select: { allowed: readers, rows: (c) => ["select id from public.priorities where id = $1", [c.place.priorityId]] },
    insert: {
      allowed: facilitatorOnly,
      attempt: (c) => [
        "insert into public.priorities (id, strategy_id, position, title) values ($1, $2, 2, 'Another priority')",
        [c.fresh, c.place.strategyId],
      ],
      look: (c) => ["select id from public.priorities where id = $1", [c.fresh]],
    },
    update: {
      allowed: facilitatorOnly,
      attempt: (c) => ["update public.priorities set title = 'A renamed priority' where id = $1", [c.place.priorityId]],
      look: (c) => ["select title from public.priorities where id = $1", [c.place.priorityId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.priorities where id = $1", [c.place.priorityId]],
      look: (c) => ["select id from public.priorities where id = $1", [c.place.priorityId]],
    },
  },
  {
    table: "context_figures",
    about: "the strategy's context figures",
    select: { allowed: readers, rows: (c) => ["select id from public.context_figures where id = $1", [c.place.contextFigureId]] },
    insert: {
      allowed: facilitatorOnly,
      attempt: (c) => [
        `insert into public.context_figures (id, strategy_id, priority_id, position, figure, description, source)
         values ($1, $2, $3, 2, '112,000', 'Vacancies on an average day', 'Skills for Care')`,
        [c.fresh, c.place.strategyId, c.place.priorityId],
      ],
      look: (c) => ["select id from public.context_figures where id = $1", [c.fresh]],
    },
    update: {
      allowed: facilitatorOnly,
      attempt: (c) => ["update public.context_figures set figure = '8.1%' where id = $1", [c.place.contextFigureId]],
      look: (c) => ["select figure from public.context_figures where id = $1", [c.place.contextFigureId]],
    },
    delete: {
      allowed: facilitatorOnly,
      attempt: (c) => ["delete from public.context_figures where id = $1", [c.place.contextFigureId]],
      look: (c) => ["select id from public.context_figures where id = $1", [c.place.contextFigureId]],
    },
  },
  {
    table: "commitments",
    about: "the strategy's commitments",
    select: { allowed: readers, rows: (c) => ["select id from public.commitments where id = $1", [c.place.commitmentId]] },
    insert: {
      allowed: facilitatorOnly,
      attempt: (c) => [
        `insert into public.commitments (id, strategy_id, priority_id, position, text, responsible_parties)
         values ($1, $2, $3, 2, 'We will publish what we find, every quarter.', '{employers}')`,
        [c.fresh, c.place.strategyId, c.place.priorityId],
      ],
      look: (c) => ["select id from public.commitments where id = $1", [c.fresh]],
    },
    update: {
      allowed: facilitatorOnly,
      attempt: (c) => ["update public.commitments set status = 'proposed' where id = $1", [c.place.commitmentId]],
      look: (c) => ["select status from public.commitments where id = $1", [c.place.commitmentId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.commitments where id = $1", [c.place.commitmentId]],
      look: (c) => ["select id from public.commitments where id = $1", [c.place.commitmentId]],
    },
  },
  {
    table: "statements",
    about: "the strategy's statements",
    select: { allowed: readers, rows: (c) => ["select id from public.statements where id = $1", [c.place.statementId]] },
    insert: {
      allowed: coWriters,
      attempt: (c) => [
        "insert into public.statements (id, strategy_id, kind, title, theme, created_by) values ($1, $2, 'i', 'I can choose who helps me', 'workforce', $3)",
        [c.fresh, c.place.strategyId, myId(c)],
      ],
      look: (c) => ["select id from public.statements where id = $1", [c.fresh]],
    },
    update: {
      allowed: coWriters,
      attempt: (c) => ["update public.statements set title = 'I can choose when I get help' where id = $1", [c.place.statementId]],
      look: (c) => ["select title from public.statements where id = $1", [c.place.statementId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.statements where id = $1", [c.place.statementId]],
      look: (c) => ["select id from public.statements where id = $1", [c.place.statementId]],
    },
  },
  {
    table: "statements",
    about: "a statement in someone else's name",
    actors: signedIn,
    insert: {
      allowed: nobody,
      attempt: (c) => [
        "insert into public.statements (id, strategy_id, kind, title, theme, created_by) values ($1, $2, 'i', 'I can say what I want', 'workforce', $3)",
        [c.fresh, c.place.strategyId, c.world.users.subject.id],
      ],
      look: (c) => ["select id from public.statements where id = $1", [c.fresh]],
    },
  },
  {
    table: "statements",
    about: "a statement's status, set directly rather than through app.set_statement_status",
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.statements set status = 'published' where id = $1", [c.place.statementId]],
      look: (c) => ["select status from public.statements where id = $1", [c.place.statementId]],
    },
  },
  {
    table: "statements",
    about: "a statement's derived text and its bookkeeping, which only the collaboration server writes",
    update: {
      allowed: nobody,
      attempt: (c) => [
        "update public.statements set body_text = 'Forged words', content_hash = 'forged', easy_read_content_hash = 'forged' where id = $1",
        [c.place.statementId],
      ],
      look: (c) => ["select body_text, content_hash, easy_read_content_hash from public.statements where id = $1", [c.place.statementId]],
    },
  },
  {
    table: "statement_documents",
    about: "the collaborative document behind a statement",
    select: {
      allowed: nobody,
      rows: (c) => ["select statement_id from public.statement_documents where statement_id = $1", [c.place.statementId]],
    },
    insert: {
      allowed: nobody,
      attempt: (c) => [
        "insert into public.statement_documents (statement_id, strategy_id, state, byte_size) values ($1, $2, '\\x00', 1)",
        [c.place.weStatementId, c.place.strategyId],
      ],
      look: (c) => ["select statement_id from public.statement_documents where statement_id = $1", [c.place.weStatementId]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.statement_documents set state = '\\x00', byte_size = 1 where statement_id = $1", [c.place.statementId]],
      look: (c) => ["select state, byte_size from public.statement_documents where statement_id = $1", [c.place.statementId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.statement_documents where statement_id = $1", [c.place.statementId]],
      look: (c) => ["select statement_id from public.statement_documents where statement_id = $1", [c.place.statementId]],
    },
  },
  {
    table: "statement_links",
    about: "links from statements to statements, priorities and commitments",
    select: { allowed: readers, rows: (c) => ["select id from public.statement_links where id = $1", [c.place.statementLinkId]] },
    insert: {
      allowed: coWriters,
      attempt: (c) => [
        `insert into public.statement_links (id, strategy_id, statement_id, target_kind, priority_id, created_by)
         values ($1, $2, $3, 'priority', $4, $5)`,
        [c.fresh, c.place.strategyId, c.place.weStatementId, c.place.priorityId, myId(c)],
      ],
      look: (c) => ["select id from public.statement_links where id = $1", [c.fresh]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.statement_links set created_by = $2 where id = $1", [c.place.statementLinkId, myId(c)]],
      look: (c) => ["select created_by from public.statement_links where id = $1", [c.place.statementLinkId]],
    },
    delete: {
      allowed: coWriters,
      attempt: (c) => ["delete from public.statement_links where id = $1", [c.place.statementLinkId]],
      look: (c) => ["select id from public.statement_links where id = $1", [c.place.statementLinkId]],
    },
  },
  {
    table: "statement_links",
    about: "a link in someone else's name",
    actors: signedIn,
    insert: {
      allowed: nobody,
      attempt: (c) => [
        `insert into public.statement_links (id, strategy_id, statement_id, target_kind, commitment_id, created_by)
         values ($1, $2, $3, 'commitment', $4, $5)`,
        [c.fresh, c.place.strategyId, c.place.weStatementId, c.place.commitmentId, c.world.users.subject.id],
      ],
      look: (c) => ["select id from public.statement_links where id = $1", [c.fresh]],
    },
  },
  {
    table: "statement_versions",
    about: "a statement's saved versions",
    select: { allowed: readers, rows: (c) => ["select id from public.statement_versions where id = $1", [c.place.statementVersionId]] },
    insert: {
      allowed: nobody,
      attempt: (c) => [
        `insert into public.statement_versions (id, strategy_id, statement_id, number, name, body_json, body_text, content_hash, created_by)
         values ($1, $2, $3, 99, 'A forged version', '{}', 'Forged words', 'forged', $4)`,
        [c.fresh, c.place.strategyId, c.place.statementId, myId(c)],
      ],
      look: (c) => ["select id from public.statement_versions where id = $1", [c.fresh]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.statement_versions set body_text = 'Rewritten history' where id = $1", [c.place.statementVersionId]],
      look: (c) => ["select body_text from public.statement_versions where id = $1", [c.place.statementVersionId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.statement_versions where id = $1", [c.place.statementVersionId]],
      look: (c) => ["select id from public.statement_versions where id = $1", [c.place.statementVersionId]],
    },
  },
  {
    table: "statement_versions",
    about: "a version saved through app.save_statement_version",
    insert: {
      allowed: coWriters,
      attempt: (c) => ["select app.save_statement_version($1, 'Before the workshop')", [c.place.statementId]],
      look: (c) => ["select number, name from public.statement_versions where statement_id = $1 order by number", [c.place.statementId]],
    },
  },
  {
    table: "statement_comments",
    about: "the discussion of a statement",
    select: { allowed: members, rows: (c) => ["select id from public.statement_comments where id = $1", [c.place.statementCommentId]] },
    insert: {
      allowed: coWriters,
      attempt: (c) => [
        "insert into public.statement_comments (id, strategy_id, statement_id, author_id, body) values ($1, $2, $3, $4, 'Could we say who decides?')",
        [c.fresh, c.place.strategyId, c.place.statementId, myId(c)],
      ],
      look: (c) => ["select id from public.statement_comments where id = $1", [c.fresh]],
    },
    update: {
      allowed: coWriters,
      attempt: (c) => ["update public.statement_comments set resolved_at = now() where id = $1", [c.place.statementCommentId]],
      look: (c) => ["select resolved_at is not null as resolved from public.statement_comments where id = $1", [c.place.statementCommentId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.statement_comments where id = $1", [c.place.statementCommentId]],
      look: (c) => ["select id from public.statement_comments where id = $1", [c.place.statementCommentId]],
    },
  },
  {
    table: "statement_comments",
    about: "a comment in someone else's name",
    actors: signedIn,
    insert: {
      allowed: nobody,
      attempt: (c) => [
        "insert into public.statement_comments (id, strategy_id, statement_id, author_id, body) values ($1, $2, $3, $4, 'Words put in their mouth')",
        [c.fresh, c.place.strategyId, c.place.statementId, c.world.users.subject.id],
      ],
      look: (c) => ["select id from public.statement_comments where id = $1", [c.fresh]],
    },
  },
  {
    table: "statement_comments",
    about: "a comment's words, rewritten",
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.statement_comments set body = 'Words they never wrote' where id = $1", [c.place.statementCommentId]],
      look: (c) => ["select body from public.statement_comments where id = $1", [c.place.statementCommentId]],
    },
  },
  {
    table: "statement_endorsements",
    about: "endorsements of a statement's current text",
    select: {
      allowed: readers,
      rows: (c) => ["select id from public.statement_endorsements where id = $1", [c.place.statementEndorsementId]],
    },
    insert: {
      allowed: coWriters,
      attempt: (c) => [
        "insert into public.statement_endorsements (id, strategy_id, statement_id, user_id, content_hash, content_version) values ($1, $2, $3, $4, $5, 0)",
        [c.fresh, c.place.strategyId, c.place.statementId, myId(c), c.place.statementContentHash],
      ],
      look: (c) => ["select id from public.statement_endorsements where id = $1", [c.fresh]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.statement_endorsements set content_hash = 'forged' where id = $1", [c.place.statementEndorsementId]],
      look: (c) => ["select content_hash from public.statement_endorsements where id = $1", [c.place.statementEndorsementId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.statement_endorsements where id = $1", [c.place.statementEndorsementId]],
      look: (c) => ["select id from public.statement_endorsements where id = $1", [c.place.statementEndorsementId]],
    },
  },
  {
    table: "statement_endorsements",
    about: "an endorsement in someone else's name",
    actors: signedIn,
    insert: {
      allowed: nobody,
      attempt: (c) => [
        "insert into public.statement_endorsements (id, strategy_id, statement_id, user_id, content_hash, content_version) values ($1, $2, $3, $4, $5, 0)",
        [c.fresh, c.place.strategyId, c.place.statementId, c.world.users.newcomer.id, c.place.statementContentHash],
      ],
      look: (c) => ["select id from public.statement_endorsements where id = $1", [c.fresh]],
    },
  },
  {
    table: "statement_endorsements",
    about: "one's own endorsement, withdrawn",
    actors: coWriters,
    delete: {
      allowed: coWriters,
      attempt: (c) => ["delete from public.statement_endorsements where id = $1", [ownEndorsement(c)]],
      look: (c) => ["select id from public.statement_endorsements where id = $1", [ownEndorsement(c)]],
    },
  },
  {
    table: "statement_contributions",
    about: "who wrote what",
    select: {
      allowed: members,
      rows: (c) => [
        "select user_id from public.statement_contributions where statement_id = $1 and user_id = $2",
        [c.place.statementId, c.world.users.subject.id],
      ],
    },
    insert: {
      allowed: nobody,
      attempt: (c) => [
        `insert into public.statement_contributions (strategy_id, statement_id, user_id, role_group, chars_added)
         values ($1, $2, $3, 'lived_experience', 1000)`,
        [c.place.strategyId, c.place.statementId, myId(c) ?? c.world.users.newcomer.id],
      ],
      look: (c) => ["select user_id, chars_added from public.statement_contributions where statement_id = $1 order by user_id", [c.place.statementId]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => [
        "update public.statement_contributions set chars_added = chars_added + 1000 where statement_id = $1",
        [c.place.statementId],
      ],
      look: (c) => ["select user_id, chars_added from public.statement_contributions where statement_id = $1 order by user_id", [c.place.statementId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.statement_contributions where statement_id = $1", [c.place.statementId]],
      look: (c) => ["select user_id from public.statement_contributions where statement_id = $1 order by user_id", [c.place.statementId]],
    },
  },
  {
    table: "commitment_revisions",
    about: "a commitment's revisions",
    select: { allowed: readers, rows: (c) => ["select id from public.commitment_revisions where id = $1", [c.place.revisionId]] },
    insert: {
      allowed: nobody,
      attempt: (c) => [
        `insert into public.commitment_revisions (id, strategy_id, commitment_id, number, text, responsible_parties, content_hash, created_by)
         values ($1, $2, $3, 99, 'Words nobody ever agreed to.', '{employers}', 'forged', $4)`,
        [c.fresh, c.place.strategyId, c.place.commitmentId, myId(c)],
      ],
      look: (c) => ["select id from public.commitment_revisions where id = $1", [c.fresh]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.commitment_revisions set text = 'Rewritten history, word by word.' where id = $1", [c.place.revisionId]],
      look: (c) => ["select text from public.commitment_revisions where id = $1", [c.place.revisionId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.commitment_revisions where id = $1", [c.place.revisionId]],
      look: (c) => ["select id from public.commitment_revisions where id = $1", [c.place.revisionId]],
    },
  },
  {
    table: "commitment_revisions",
    about: "a revision made by changing what a commitment says",
    insert: {
      allowed: facilitatorOnly,
      attempt: (c) => ["update public.commitments set text = 'We will publish what we find, every month.' where id = $1", [c.place.commitmentId]],
      look: (c) => ["select number, content_hash from public.commitment_revisions where commitment_id = $1 order by number", [c.place.commitmentId]],
    },
  },
  {
    table: "sign_off_defaults",
    about: "the organisations asked by default to sign off new commitments",
    select: { allowed: members, rows: (c) => ["select id from public.sign_off_defaults where id = $1", [c.place.signOffDefaultId]] },
    insert: {
      allowed: facilitatorOnly,
      attempt: (c) => [
        "insert into public.sign_off_defaults (strategy_id, priority_id, organisation_id) values ($1, $2, $3)",
        [c.place.strategyId, c.place.priorityId, c.world.notRequiredOrganisationId],
      ],
      look: (c) => ["select organisation_id from public.sign_off_defaults where strategy_id = $1 and priority_id = $2", [c.place.strategyId, c.place.priorityId]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.sign_off_defaults set organisation_id = $2 where id = $1", [c.place.signOffDefaultId, c.world.notRequiredOrganisationId]],
      look: (c) => ["select organisation_id from public.sign_off_defaults where id = $1", [c.place.signOffDefaultId]],
    },
    delete: {
      allowed: facilitatorOnly,
      attempt: (c) => ["delete from public.sign_off_defaults where id = $1", [c.place.signOffDefaultId]],
      look: (c) => ["select id from public.sign_off_defaults where id = $1", [c.place.signOffDefaultId]],
    },
  },
  {
    table: "sign_off_organisations",
    about: "the organisations that must sign off a commitment",
    select: { allowed: readers, rows: (c) => ["select id from public.sign_off_organisations where id = $1", [c.place.signOffOrganisationId]] },
    insert: {
      allowed: facilitatorOnly,
      attempt: (c) => [
        "insert into public.sign_off_organisations (strategy_id, commitment_id, organisation_id) values ($1, $2, $3)",
        [c.place.strategyId, c.place.commitmentId, c.world.notRequiredOrganisationId],
      ],
      look: (c) => ["select organisation_id from public.sign_off_organisations where commitment_id = $1 order by organisation_id", [c.place.commitmentId]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => [
        "update public.sign_off_organisations set organisation_id = $2 where id = $1",
        [c.place.signOffOrganisationId, c.world.notRequiredOrganisationId],
      ],
      look: (c) => ["select organisation_id from public.sign_off_organisations where id = $1", [c.place.signOffOrganisationId]],
    },
    delete: {
      allowed: facilitatorOnly,
      attempt: (c) => ["delete from public.sign_off_organisations where id = $1", [c.place.signOffOrganisationId]],
      look: (c) => ["select id from public.sign_off_organisations where id = $1", [c.place.signOffOrganisationId]],
    },
  },
  {
    table: "sign_off_requests",
    about: "requests to sign off a commitment",
    select: { allowed: members, rows: (c) => ["select id from public.sign_off_requests where id = $1", [c.place.signOffRequestId]] },
    insert: {
      allowed: facilitatorOnly,
      attempt: (c) => [
        "insert into public.sign_off_requests (strategy_id, commitment_id, organisation_id, message) values ($1, $2, $3, 'Please sign off by Friday.')",
        [c.place.strategyId, c.place.commitmentId, c.world.notAskedOrganisationId],
      ],
      look: (c) => [
        "select organisation_id, revision from public.sign_off_requests where commitment_id = $1 and organisation_id = $2",
        [c.place.commitmentId, c.world.notAskedOrganisationId],
      ],
    },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.sign_off_requests set message = 'Words added afterwards.' where id = $1", [c.place.signOffRequestId]],
      look: (c) => ["select message from public.sign_off_requests where id = $1", [c.place.signOffRequestId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.sign_off_requests where id = $1", [c.place.signOffRequestId]],
      look: (c) => ["select id from public.sign_off_requests where id = $1", [c.place.signOffRequestId]],
    },
  },
  {
    table: "sign_off_decisions",
    about: "organisations' decisions on a commitment",
    select: { allowed: readers, rows: (c) => ["select id from public.sign_off_decisions where id = $1", [c.place.signOffDecisionId]] },
    insert: {
      allowed: signatoryOnly,
      attempt: (c) => [
        `insert into public.sign_off_decisions (strategy_id, commitment_id, organisation_id, revision, decision, signed_by)
         values ($1, $2, $3, 2, 'endorsed', $4)`,
        [c.place.strategyId, c.place.commitmentId, c.world.signatoryOrganisationId, myId(c)],
      ],
      look: (c) => [
        "select revision, decision from public.sign_off_decisions where commitment_id = $1 and organisation_id = $2 order by revision",
        [c.place.commitmentId, c.world.signatoryOrganisationId],
      ],
    },
    update: {
      allowed: nobody,
      attempt: (c) => [
        "update public.sign_off_decisions set decision = 'objected', reason = 'We never agreed to this.' where id = $1",
        [c.place.signOffDecisionId],
      ],
      look: (c) => ["select decision, reason from public.sign_off_decisions where id = $1", [c.place.signOffDecisionId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.sign_off_decisions where id = $1", [c.place.signOffDecisionId]],
      look: (c) => ["select id from public.sign_off_decisions where id = $1", [c.place.signOffDecisionId]],
    },
  },
  {
    table: "sign_off_decisions",
    about: "a decision for an organisation one does not sign for",
    actors: signedIn,
    insert: {
      allowed: nobody,
      attempt: (c) => [
        `insert into public.sign_off_decisions (strategy_id, commitment_id, organisation_id, revision, decision, signed_by)
         values ($1, $2, $3, 2, 'endorsed', $4)`,
        [c.place.strategyId, c.place.commitmentId, c.world.otherSignerOrganisationId, myId(c)],
      ],
      look: (c) => [
        "select revision from public.sign_off_decisions where commitment_id = $1 and organisation_id = $2",
        [c.place.commitmentId, c.world.otherSignerOrganisationId],
      ],
    },
  },
  {
    table: "sign_off_decisions",
    about: "a decision in someone else's name",
    actors: signedIn,
    insert: {
      allowed: nobody,
      attempt: (c) => [
        `insert into public.sign_off_decisions (strategy_id, commitment_id, organisation_id, revision, decision, signed_by)
         values ($1, $2, $3, 2, 'endorsed', $4)`,
        [c.place.strategyId, c.place.commitmentId, c.world.signatoryOrganisationId, c.world.users.subject.id],
      ],
      look: (c) => [
        "select revision from public.sign_off_decisions where commitment_id = $1 and organisation_id = $2 order by revision",
        [c.place.commitmentId, c.world.signatoryOrganisationId],
      ],
    },
  },
  {
    table: "strategy_publications",
    about: "published versions of the strategy",
    select: { allowed: readers, rows: (c) => ["select id from public.strategy_publications where id = $1", [c.place.publicationId]] },
    insert: {
      allowed: facilitatorOnly,
      attempt: (c) => [
        "insert into public.strategy_publications (strategy_id, override_reason) values ($1, 'The board meets before every partner can sign.')",
        [c.place.strategyId],
      ],
      look: (c) => ["select number from public.strategy_publications where strategy_id = $1 order by number", [c.place.strategyId]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => [
        "update public.strategy_publications set override_reason = 'A better reason, thought of later.' where id = $1",
        [c.place.publicationId],
      ],
      look: (c) => ["select override_reason from public.strategy_publications where id = $1", [c.place.publicationId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.strategy_publications where id = $1", [c.place.publicationId]],
      look: (c) => ["select id from public.strategy_publications where id = $1", [c.place.publicationId]],
    },
  },
  {
    table: "measures",
    about: "the strategy's assurance measures",
    select: { allowed: readers, rows: (c) => ["select id from public.measures where id = $1", [c.place.measureId]] },
    insert: {
      allowed: reviewers,
      attempt: (c) => [
        `insert into public.measures (id, strategy_id, name, unit, direction, baseline_value, baseline_date, baseline_source,
           target_value, target_date, tolerance)
         values ($1, $2, 'Staff turnover rate', 'percentage', 'lower_is_better', 28.3, '2025-03-31', 'Skills for Care', 25, '2028-03-31', 0.5)`,
        [c.fresh, c.place.strategyId],
      ],
      look: (c) => ["select id from public.measures where id = $1", [c.fresh]],
    },
    update: {
      allowed: reviewers,
      attempt: (c) => ["update public.measures set target_value = 4.5, target_is_example = true where id = $1", [c.place.measureId]],
      look: (c) => ["select target_value, target_is_example from public.measures where id = $1", [c.place.measureId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.measures where id = $1", [c.place.measureId]],
      look: (c) => ["select id from public.measures where id = $1", [c.place.measureId]],
    },
  },
  {
    table: "measure_links",
    about: "what each measure tells about: commitments and priorities",
    select: { allowed: readers, rows: (c) => ["select id from public.measure_links where id = $1", [c.place.measureLinkId]] },
    insert: {
      allowed: reviewers,
      attempt: (c) => [
        "insert into public.measure_links (id, strategy_id, measure_id, priority_id) values ($1, $2, $3, $4)",
        [c.fresh, c.place.strategyId, c.place.measureId, c.place.priorityId],
      ],
      look: (c) => ["select id from public.measure_links where id = $1", [c.fresh]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.measure_links set commitment_id = null, priority_id = $2 where id = $1", [c.place.measureLinkId, c.place.priorityId]],
      look: (c) => ["select commitment_id, priority_id from public.measure_links where id = $1", [c.place.measureLinkId]],
    },
    delete: {
      allowed: reviewers,
      attempt: (c) => ["delete from public.measure_links where id = $1", [c.place.measureLinkId]],
      look: (c) => ["select id from public.measure_links where id = $1", [c.place.measureLinkId]],
    },
  },
  {
    table: "evidence_files",
    about: "a file uploaded as oneself, and the file of submitted evidence",
    select: { allowed: members, rows: (c) => ["select id from public.evidence_files where id = $1", [c.place.files.submitted]] },
    insert: {
      allowed: members,
      attempt: (c) => [
        `insert into public.evidence_files (strategy_id, storage_key, sha256, byte_size, content_type, file_name)
         values ($1, $2, $3, 622, 'application/pdf', 'Board minutes.pdf')`,
        [c.place.strategyId, `${c.place.strategyId}/${c.fresh}`, sha256(c.fresh)],
      ],
      look: (c) => ["select storage_key from public.evidence_files where storage_key = $1", [`${c.place.strategyId}/${c.fresh}`]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.evidence_files set file_name = 'Renamed.pdf' where id = $1", [c.place.files.submitted]],
      look: (c) => ["select file_name from public.evidence_files where id = $1", [c.place.files.submitted]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.evidence_files where id = $1", [c.place.files.submitted]],
      look: (c) => ["select id from public.evidence_files where id = $1", [c.place.files.submitted]],
    },
  },
  {
    table: "evidence_files",
    about: "the file of verified evidence",
    select: { allowed: readers, rows: (c) => ["select id from public.evidence_files where id = $1", [c.place.files.verified]] },
  },
  {
    table: "evidence_files",
    about: "the file of evidence returned to someone else",
    select: { allowed: reviewers, rows: (c) => ["select id from public.evidence_files where id = $1", [c.place.files.returned]] },
  },
  {
    table: "evidence_files",
    about: "a file someone else uploaded that no evidence holds yet",
    select: { allowed: nobody, rows: (c) => ["select id from public.evidence_files where id = $1", [c.place.files.unattached]] },
  },
  {
    table: "evidence_files",
    about: "a file in someone else's name",
    actors: signedIn,
    insert: {
      allowed: nobody,
      attempt: (c) => [
        `insert into public.evidence_files (strategy_id, storage_key, sha256, byte_size, content_type, file_name, uploaded_by)
         values ($1, $2, $3, 622, 'application/pdf', 'Board minutes.pdf', $4)`,
        [c.place.strategyId, `${c.place.strategyId}/${c.fresh}`, sha256(c.fresh), c.world.users.subject.id],
      ],
      look: (c) => ["select storage_key from public.evidence_files where storage_key = $1", [`${c.place.strategyId}/${c.fresh}`]],
    },
  },
  {
    table: "evidence",
    about: "someone else's submitted evidence, not yet verified",
    select: { allowed: members, rows: (c) => ["select id from public.evidence where id = $1", [c.place.evidence.submitted]] },
    insert: {
      allowed: members,
      attempt: (c) => [
        `insert into public.evidence (strategy_id, kind, category, priority_id, title, source, evidence_date)
         values ($1, 'feedback', 'staff_leader_feedback', $2, $3, 'Team meeting', '2026-03-31')`,
        [c.place.strategyId, c.place.priorityId, `Feedback ${c.fresh}`],
      ],
      look: (c) => ["select title, status from public.evidence where title = $1", [`Feedback ${c.fresh}`]],
    },
    update: {
      allowed: reviewers,
      attempt: (c) => ["update public.evidence set status = 'verified' where id = $1", [c.place.evidence.submitted]],
      look: (c) => ["select status, reviewed_by from public.evidence where id = $1", [c.place.evidence.submitted]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.evidence where id = $1", [c.place.evidence.submitted]],
      look: (c) => ["select id from public.evidence where id = $1", [c.place.evidence.submitted]],
    },
  },
  {
    table: "evidence",
    about: "someone else's submitted evidence, returned for more information",
    update: {
      allowed: reviewers,
      attempt: (c) => [
        "update public.evidence set status = 'returned', review_note = 'Which meeting was this?' where id = $1",
        [c.place.evidence.submitted],
      ],
      look: (c) => ["select status, review_note from public.evidence where id = $1", [c.place.evidence.submitted]],
    },
  },
  {
    table: "evidence",
    about: "someone else's submitted evidence, reworded (a reviewer reviews, never rewords)",
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.evidence set title = 'Words the submitter never wrote' where id = $1", [c.place.evidence.submitted]],
      look: (c) => ["select title from public.evidence where id = $1", [c.place.evidence.submitted]],
    },
  },
  {
    table: "evidence",
    about: "verified evidence, and rewriting it",
    select: { allowed: readers, rows: (c) => ["select id from public.evidence where id = $1", [c.place.evidence.verified]] },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.evidence set title = 'A better title, thought of later' where id = $1", [c.place.evidence.verified]],
      look: (c) => ["select title from public.evidence where id = $1", [c.place.evidence.verified]],
    },
  },
  {
    table: "evidence",
    about: "evidence returned to someone else, and answering it for them",
    select: { allowed: reviewers, rows: (c) => ["select id from public.evidence where id = $1", [c.place.evidence.returned]] },
    update: {
      allowed: nobody,
      attempt: (c) => [
        "update public.evidence set title = 'Board minutes, 31 March', status = 'submitted' where id = $1",
        [c.place.evidence.returned],
      ],
      look: (c) => ["select title, status from public.evidence where id = $1", [c.place.evidence.returned]],
    },
  },
  {
    table: "evidence",
    about: "rejected evidence, and taking it back for review",
    select: { allowed: reviewers, rows: (c) => ["select id from public.evidence where id = $1", [c.place.evidence.rejected]] },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.evidence set status = 'submitted' where id = $1", [c.place.evidence.rejected]],
      look: (c) => ["select status from public.evidence where id = $1", [c.place.evidence.rejected]],
    },
  },
  {
    table: "evidence",
    about: "a verified story the person agreed may be published",
    select: { allowed: readers, rows: (c) => ["select id from public.evidence where id = $1", [c.place.evidence.publishedStory]] },
  },
  {
    table: "evidence",
    about: "a verified story the person did not agree to publish",
    select: { allowed: members, rows: (c) => ["select id from public.evidence where id = $1", [c.place.evidence.unpublishedStory]] },
  },
  {
    table: "evidence",
    about: "evidence in someone else's name",
    actors: signedIn,
    insert: {
      allowed: nobody,
      attempt: (c) => [
        `insert into public.evidence (strategy_id, kind, category, priority_id, title, source, evidence_date, submitted_by)
         values ($1, 'feedback', 'staff_leader_feedback', $2, $3, 'Team meeting', '2026-03-31', $4)`,
        [c.place.strategyId, c.place.priorityId, `Feedback ${c.fresh}`, c.world.users.subject.id],
      ],
      look: (c) => ["select title from public.evidence where title = $1", [`Feedback ${c.fresh}`]],
    },
  },
  {
    table: "evidence",
    about: "evidence that arrives already verified",
    actors: signedIn,
    insert: {
      allowed: nobody,
      attempt: (c) => [
        `insert into public.evidence (strategy_id, kind, category, priority_id, title, source, evidence_date, status, reviewed_by)
         values ($1, 'feedback', 'staff_leader_feedback', $2, $3, 'Team meeting', '2026-03-31', 'verified', $4)`,
        [c.place.strategyId, c.place.priorityId, `Feedback ${c.fresh}`, myId(c)],
      ],
      look: (c) => ["select title from public.evidence where title = $1", [`Feedback ${c.fresh}`]],
    },
  },
  {
    table: "evidence",
    about: "the author of evidence, changed",
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.evidence set submitted_by = $2 where id = $1", [c.place.evidence.submitted, c.world.users.newcomer.id]],
      look: (c) => ["select submitted_by from public.evidence where id = $1", [c.place.evidence.submitted]],
    },
  },
  {
    table: "evidence",
    about: "one's own submitted evidence, verified by oneself",
    actors: members,
    update: {
      allowed: reviewers,
      attempt: (c) => ["update public.evidence set status = 'verified' where id = $1", [ownEvidence(c).submitted]],
      look: (c) => ["select status from public.evidence where id = $1", [ownEvidence(c).submitted]],
    },
  },
  {
    table: "evidence",
    about: "one's own returned evidence: seen, answered and sent back for review",
    actors: members,
    select: { allowed: members, rows: (c) => ["select id, review_note from public.evidence where id = $1", [ownEvidence(c).returned]] },
    update: {
      allowed: members,
      attempt: (c) => [
        "update public.evidence set body = 'It was the board meeting of 31 March.', status = 'submitted' where id = $1",
        [ownEvidence(c).returned],
      ],
      look: (c) => ["select body, status from public.evidence where id = $1", [ownEvidence(c).returned]],
    },
  },
  {
    table: "evidence",
    about: "one's own returned evidence, verified by oneself before answering",
    // A reviewer is refused by the review rule instead (only submitted evidence is reviewed, 23514).
    actors: members.filter((m) => !reviewers.includes(m)),
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.evidence set status = 'verified' where id = $1", [ownEvidence(c).returned]],
      look: (c) => ["select status from public.evidence where id = $1", [ownEvidence(c).returned]],
    },
  },
  {
    table: "evidence_tallies",
    about: "counts of verified evidence that may be published",
    select: {
      allowed: readers,
      rows: (c) => [
        `select measure_id, commitment_id, priority_id, category, n from public.evidence_tallies
          where strategy_id = $1 and status = 'verified' and publishable order by 1, 2, 3, 4`,
        [c.place.strategyId],
      ],
    },
    insert: {
      allowed: nobody,
      attempt: (c) => [
        `insert into public.evidence_tallies (strategy_id, priority_id, category, status, publishable, n)
         values ($1, $2, 'observation', 'verified', true, 50)`,
        [c.place.strategyId, c.place.priorityId],
      ],
      look: (c) => ["select n from public.evidence_tallies where strategy_id = $1 and category = 'observation'", [c.place.strategyId]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.evidence_tallies set n = n + 100 where strategy_id = $1", [c.place.strategyId]],
      look: (c) => ["select sum(n)::int as n from public.evidence_tallies where strategy_id = $1", [c.place.strategyId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.evidence_tallies where strategy_id = $1", [c.place.strategyId]],
      look: (c) => ["select count(*)::int as n from public.evidence_tallies where strategy_id = $1", [c.place.strategyId]],
    },
  },
  {
    table: "evidence_tallies",
    about: "counts of verified stories the teller did not agree to publish",
    select: {
      allowed: members,
      rows: (c) => [
        `select measure_id, commitment_id, priority_id, category, n from public.evidence_tallies
          where strategy_id = $1 and status = 'verified' and not publishable order by 1, 2, 3, 4`,
        [c.place.strategyId],
      ],
    },
  },
  {
    table: "evidence_tallies",
    about: "counts of submitted evidence, not yet verified",
    select: {
      allowed: members,
      rows: (c) => [
        `select measure_id, commitment_id, priority_id, category, n from public.evidence_tallies
          where strategy_id = $1 and status = 'submitted' order by 1, 2, 3, 4`,
        [c.place.strategyId],
      ],
    },
  },
  {
    table: "audit_log",
    about: "history of the strategy's structure",
    select: {
      allowed: readers,
      rows: (c) => [
        "select seq from public.audit_log where strategy_id = $1 and entity_type in ('strategy', 'priority', 'context_figure', 'commitment')",
        [c.place.strategyId],
      ],
    },
    insert: {
      allowed: nobody,
      attempt: (c) => [
        `insert into public.audit_log (seq, actor_id, strategy_id, entity_type, entity_id, action, prev_hash, hash)
         values (1000000, $2, $1, 'strategy', $1, 'forged', '', '')`,
        [c.place.strategyId, myId(c)],
      ],
      look: (c) => ["select seq from public.audit_log where strategy_id = $1 and action = 'forged'", [c.place.strategyId]],
    },
    update: {
      allowed: nobody,
      attempt: (c) => ["update public.audit_log set action = 'tampered' where strategy_id = $1", [c.place.strategyId]],
      look: (c) => ["select seq, action from public.audit_log where strategy_id = $1 order by seq", [c.place.strategyId]],
    },
    delete: {
      allowed: nobody,
      attempt: (c) => ["delete from public.audit_log where strategy_id = $1", [c.place.strategyId]],
      look: (c) => ["select seq from public.audit_log where strategy_id = $1 order by seq", [c.place.strategyId]],
    },
  },
  {
    table: "audit_log",
    about: "history of who is a member",
    select: {
      allowed: members,
      rows: (c) => [
        "select seq from public.audit_log where strategy_id = $1 and entity_type in ('member', 'member_role')",
        [c.place.strategyId],
      ],
    },
  },
  {
    table: "audit_log",
    about: "history of statements, their links, versions and endorsements",
    select: {
      allowed: readers,
      rows: (c) => [
        `select seq from public.audit_log
          where strategy_id = $1 and entity_type in ('statement', 'statement_link', 'statement_version', 'statement_endorsement')`,
        [c.place.strategyId],
      ],
    },
  },
  {
    table: "audit_log",
    about: "history of the discussion of statements",
    select: {
      allowed: members,
      rows: (c) => ["select seq from public.audit_log where strategy_id = $1 and entity_type = 'statement_comment'", [c.place.strategyId]],
    },
  },
  {
    table: "audit_log",
    about: "history of sign-off: who must sign, the decisions and the published versions",
    select: {
      allowed: readers,
      rows: (c) => [
        "select seq from public.audit_log where strategy_id = $1 and entity_type in ('sign_off_organisation', 'sign_off_decision', 'publication')",
        [c.place.strategyId],
      ],
    },
  },
  {
    table: "audit_log",
    about: "history of sign-off requests and of the organisations asked by default",
    select: {
      allowed: members,
      rows: (c) => [
        "select seq from public.audit_log where strategy_id = $1 and entity_type in ('sign_off_request', 'sign_off_default')",
        [c.place.strategyId],
      ],
    },
  },
  {
    table: "audit_log",
    about: "history of measures and what they are linked to",
    select: {
      allowed: readers,
      rows: (c) => [
        "select seq from public.audit_log where strategy_id = $1 and entity_type in ('measure', 'measure_link') order by seq",
        [c.place.strategyId],
      ],
    },
  },
  {
    table: "audit_log",
    about: "history of verified evidence",
    select: {
      allowed: readers,
      rows: (c) => ["select seq from public.audit_log where entity_type = 'evidence' and entity_id = $1 order by seq", [c.place.evidence.verified]],
    },
  },
  {
    table: "audit_log",
    about: "history of submitted evidence, and of a story the person did not agree to publish",
    select: {
      allowed: members,
      rows: (c) => [
        "select seq from public.audit_log where entity_type = 'evidence' and entity_id in ($1, $2) order by seq",
        [c.place.evidence.submitted, c.place.evidence.unpublishedStory],
      ],
    },
  },
  {
    table: "audit_log",
    about: "history of evidence returned to someone else",
    select: {
      allowed: reviewers,
      rows: (c) => ["select seq from public.audit_log where entity_type = 'evidence' and entity_id = $1 order by seq", [c.place.evidence.returned]],
    },
  },
  {
    table: "audit_log",
    about: "history of invitations",
    select: {
      allowed: facilitatorOnly,
      rows: (c) => ["select seq from public.audit_log where strategy_id = $1 and entity_type = 'invitation'", [c.place.strategyId]],
    },
  },
  {
    table: "audit_log",
    about: "history of the directory of organisations",
    acrossStrategies: true,
    select: {
      allowed: everyone,
      rows: (c) => [
        "select seq from public.audit_log where entity_type = 'organisation' and entity_id = $1",
        [c.world.spareOrganisationId],
      ],
    },
  },
];

let db: TestDatabase;
let world: World;

const claimsOf = (actor: Actor): Claims | null => (actor === "visitor" ? null : world.users[actor].claims);

type PgError = Error & { code: string; hint?: string };
const isPgError = (error: unknown): error is PgError =>
  error instanceof Error && typeof (error as Partial<PgError>).code === "string";

/** Thrown to roll back a case's transaction, carrying what the case read in it. */
class Undo extends Error {
  constructor(readonly value: unknown) {
    super("roll back this case");
  }
}

/** Runs fn as the actor and returns what it returned, then rolls everything it did back. */
async function rolledBack<T>(actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    await db.asUser(claimsOf(actor), async (tx) => {
      throw new Undo(await fn(tx));
    });
  } catch (error) {
    if (error instanceof Undo) return error.value as T;
    throw error;
  }
  throw new Error("the case's transaction was not rolled back");
}

/**
 * What an actor saw: "all" rows there are, "none", or some; "refused" (42501) when the role may
 * not read the table at all.
 */
async function read(actor: Actor, statement: Statement): Promise<string> {
  const existing = await db.asOwner((tx) => tx.query(...statement));
  expect(existing.length, "the case needs rows to read").toBeGreaterThan(0);
  let seen: unknown[];
  try {
    seen = await rolledBack(actor, (tx) => tx.query(...statement));
  } catch (error) {
    if (isPgError(error) && error.code === "42501") return "refused";
    throw error;
  }
  if (isDeepStrictEqual(seen, existing)) return "all";
  return seen.length === 0 ? "none" : `${seen.length} of ${existing.length}`;
}

/**
 * What an actor's write did: "changed" the rows it aimed at, left them "unchanged" (RLS filters
 * updates and deletes silently), or was "refused" with 42501. The write is always rolled back.
 */
async function write(actor: Actor, attempt: Statement, look: Statement): Promise<string> {
  const before = await db.asOwner((tx) => tx.query(...look));
  try {
    const after = await rolledBack(actor, async (tx) => {
      await tx.query(...attempt);
      // Back to the connection's own role, to see past RLS what the statement did.
      await tx.query("reset role");
      return tx.query(...look);
    });
    return isDeepStrictEqual(before, after) ? "unchanged" : "changed";
  } catch (error) {
    if (isPgError(error) && error.code === "42501") return "refused";
    throw error;
  }
}

type Organisations = Pick<World, "signatoryOrganisationId" | "otherSignerOrganisationId" | "notAskedOrganisationId">;

async function buildPlace(visibility: Visibility, users: World["users"], organisations: Organisations): Promise<Place> {
  const { signatoryOrganisationId } = organisations;
  const { facilitator } = users;
  const { strategyId, priorityId, commitmentId } = await createStrategy(db, facilitator, { visibility });
  const roles: [TestUser, Role, string?][] = [
    [users.lived_experience, "lived_experience"],
    [users.worker, "worker"],
    [users.partner, "partner"],
    [users.signatory, "signatory", signatoryOrganisationId],
    [users.evaluator, "evaluator"],
    [users.observer, "observer"],
    [users.subject, "worker"],
  ];
  for (const [user, role, organisationId] of roles) {
    await addMember(db, facilitator, strategyId, user, [{ role, organisationId }]);
  }
  const structure = await db.asUser(facilitator.claims, async (tx) => {
    const figure = await tx.one<{ id: string }>(
      `insert into public.context_figures (strategy_id, priority_id, position, figure, description, source)
       values ($1, $2, 1, '7.8%', 'Vacancy rate in adult social care', 'Skills for Care') returning id`,
      [strategyId, priorityId],
    );
    const invitation = await tx.one<{ id: string }>(
      `insert into public.invitations (strategy_id, email, roles, token_hash, invited_by)
       values ($1, $2, '{worker}', $3, $4) returning id`,
      [strategyId, `invited-${randomUUID()}@example.test`, sha256(randomBytes(16).toString("hex")), facilitator.id],
    );
    const subjectRole = await tx.one<{ id: string }>(
      "select id from public.member_roles where strategy_id = $1 and user_id = $2",
      [strategyId, users.subject.id],
    );
    return {
      strategyId,
      priorityId,
      commitmentId,
      contextFigureId: figure!.id,
      invitationId: invitation!.id,
      subjectRoleId: subjectRole!.id,
    };
  });
  return {
    ...structure,
    ...(await buildStatements(strategyId, users)),
    ...(await buildSignOff(strategyId, commitmentId, users, organisations)),
    ...(await buildEvidence(strategyId, priorityId, commitmentId, users)),
  };
}

/**
 * The commitment's sign-off: three organisations must sign it off and two were asked; the
 * signatory endorsed revision 1; then an edit made revision 2, which asked both again. Last, the
 * facilitator published version 1 of the strategy anyway, with a reason.
 */
async function buildSignOff(strategyId: string, commitmentId: string, users: World["users"], organisations: Organisations) {
  const { facilitator, signatory } = users;
  const { signatoryOrganisationId, otherSignerOrganisationId, notAskedOrganisationId } = organisations;
  const asked = await db.asUser(facilitator.claims, async (tx) => {
    const byDefault = await tx.one<{ id: string }>(
      "insert into public.sign_off_defaults (strategy_id, organisation_id) values ($1, $2) returning id",
      [strategyId, signatoryOrganisationId],
    );
    const required = await tx.query<{ id: string; organisation_id: string }>(
      `insert into public.sign_off_organisations (strategy_id, commitment_id, organisation_id)
       select $1, $2, unnest($3::uuid[]) returning id, organisation_id`,
      [strategyId, commitmentId, [signatoryOrganisationId, otherSignerOrganisationId, notAskedOrganisationId]],
    );
    const requests = await tx.query<{ id: string; organisation_id: string }>(
      `insert into public.sign_off_requests (strategy_id, commitment_id, organisation_id, message)
       select $1, $2, unnest($3::uuid[]), 'Please sign off this commitment.' returning id, organisation_id`,
      [strategyId, commitmentId, [signatoryOrganisationId, otherSignerOrganisationId]],
    );
    const ofSignatory = (rows: { id: string; organisation_id: string }[]) => rows.find((r) => r.organisation_id === signatoryOrganisationId)!.id;
    return { signOffDefaultId: byDefault!.id, signOffOrganisationId: ofSignatory(required), signOffRequestId: ofSignatory(requests) };
  });
  const decision = await db.asUser(signatory.claims, (tx) =>
    tx.one<{ id: string }>(
      `insert into public.sign_off_decisions (strategy_id, commitment_id, organisation_id, revision, decision, signed_by)
       values ($1, $2, $3, 1, 'endorsed', $4) returning id`,
      [strategyId, commitmentId, signatoryOrganisationId, signatory.id],
    ),
  );
  return db.asUser(facilitator.claims, async (tx) => {
    await tx.query("update public.commitments set text = 'We will do the thing we said we would do, by March.' where id = $1", [commitmentId]);
    const revision = await tx.one<{ id: string }>("select id from public.commitment_revisions where commitment_id = $1 and number = 1", [
      commitmentId,
    ]);
    const publication = await tx.one<{ id: string }>(
      "insert into public.strategy_publications (strategy_id, override_reason) values ($1, 'Published for the board before every partner signed.') returning id",
      [strategyId],
    );
    return { ...asked, signOffDecisionId: decision!.id, revisionId: revision!.id, publicationId: publication!.id };
  });
}

/**
 * A measure linked to the commitment, and evidence in every state: the subject's (a worker's)
 * documents, feedback and stories, reviewed by the evaluator, and each member's own items, one
 * of them returned to them.
 */
async function buildEvidence(strategyId: string, priorityId: string, commitmentId: string, users: World["users"]) {
  const { evaluator, subject } = users;
  const { measureId, measureLinkId } = await db.asUser(evaluator.claims, async (tx) => {
    const measure = await tx.one<{ id: string }>(
      `insert into public.measures (strategy_id, name, unit, direction, baseline_value, baseline_date, baseline_source,
         target_value, target_date, tolerance)
       values ($1, 'Vacancy rate', 'percentage', 'lower_is_better', 7.8, '2025-03-31', 'Skills for Care', 5, '2028-03-31', 0.3)
       returning id`,
      [strategyId],
    );
    const link = await tx.one<{ id: string }>(
      "insert into public.measure_links (strategy_id, measure_id, commitment_id) values ($1, $2, $3) returning id",
      [strategyId, measure!.id, commitmentId],
    );
    return { measureId: measure!.id, measureLinkId: link!.id };
  });

  /** `who` submits an item (a document when a file is given, else feedback); returns its id. */
  const submit = (who: TestUser, title: string, extra: { kind?: "story"; consentPublish?: boolean; fileId?: string } = {}) =>
    db.asUser(who.claims, async (tx) => {
      const kind = extra.fileId ? "document" : (extra.kind ?? "feedback");
      const row = await tx.one<{ id: string }>(
        `insert into public.evidence (strategy_id, kind, category, priority_id, title, source, evidence_date, file_id,
           consent_quote, consent_publish)
         values ($1, $2, $3, $4, $5, 'Listening event', '2026-03-31', $6, $7, $8) returning id`,
        [
          strategyId,
          kind,
          kind === "story" ? "peoples_experience" : "processes",
          priorityId,
          title,
          extra.fileId ?? null,
          kind === "story",
          extra.consentPublish ?? false,
        ],
      );
      return row!.id;
    });
  const upload = (who: TestUser, name: string) =>
    db.asUser(who.claims, async (tx) => {
      const row = await tx.one<{ id: string }>(
        `insert into public.evidence_files (strategy_id, storage_key, sha256, byte_size, content_type, file_name)
         values ($1, $2, $3, 622, 'application/pdf', $4) returning id`,
        [strategyId, `${strategyId}/${randomUUID()}`, sha256(name), name],
      );
      return row!.id;
    });
  const review = (id: string, status: "verified" | "returned" | "rejected", note: string | null = null) =>
    db.asUser(evaluator.claims, (tx) => tx.query("update public.evidence set status = $2, review_note = $3 where id = $1", [id, status, note]));

  const files = {
    submitted: await upload(subject, "Rota review.pdf"),
    returned: await upload(subject, "Board minutes.pdf"),
    verified: await upload(subject, "Pay survey.pdf"),
    unattached: await upload(subject, "Draft.pdf"),
  };
  const evidence = {
    submitted: await submit(subject, "Rota review", { fileId: files.submitted }),
    returned: await submit(subject, "Board minutes", { fileId: files.returned }),
    verified: await submit(subject, "Pay survey", { fileId: files.verified }),
    rejected: await submit(subject, "A rumour about pay"),
    publishedStory: await submit(subject, "How my support changed", { kind: "story", consentPublish: true }),
    unpublishedStory: await submit(subject, "What happened at home", { kind: "story", consentPublish: false }),
  };
  await review(evidence.returned, "returned", "Please add the date of the meeting.");
  await review(evidence.verified, "verified");
  await review(evidence.rejected, "rejected", "This is hearsay, not evidence.");
  await review(evidence.publishedStory, "verified");
  await review(evidence.unpublishedStory, "verified");

  const ownEvidence = {} as Place["ownEvidence"];
  for (const member of members) {
    const submitted = await submit(users[member], `Still waiting, from the ${member}`);
    const returned = await submit(users[member], `Returned to the ${member}`);
    await review(returned, "returned", "Which meeting was this?");
    ownEvidence[member] = { submitted, returned };
  }
  return { measureId, measureLinkId, evidence, files, ownEvidence };
}

/** An "I" statement and a "we" statement answering it, with text, a version, a comment, endorsements and writing measured. */
async function buildStatements(strategyId: string, users: World["users"]) {
  const { facilitator, subject } = users;
  const [statementId, weStatementId] = [randomUUID(), randomUUID()];
  const statementLinkId = await db.asUser(facilitator.claims, async (tx) => {
    await tx.query(
      `insert into public.statements (id, strategy_id, kind, title, theme, created_by)
       values ($1, $3, 'i', 'I can get help when I need it', 'flexible_integrated_care', $4),
              ($2, $3, 'we', 'We answer the phone within a day', 'flexible_integrated_care', $4)`,
      [statementId, weStatementId, strategyId, facilitator.id],
    );
    const link = await tx.one<{ id: string }>(
      `insert into public.statement_links (strategy_id, statement_id, target_kind, i_statement_id, created_by)
       values ($1, $2, 'i_statement', $3, $4) returning id`,
      [strategyId, weStatementId, statementId, facilitator.id],
    );
    return link!.id;
  });
  // What the collaboration server writes when it stores a document.
  const statementContentHash = sha256(`${statementId} text`);
  await db.asService("test: store the statements' text, as the collaboration server does", async (tx) => {
    for (const [id, text, hash] of [
      [statementId, "I can get help when I need it, from people who know me.", statementContentHash],
      [weStatementId, "We answer the phone within a day.", sha256(`${weStatementId} text`)],
    ]) {
      await tx.query(
        `update public.statements
            set body_json = jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object(
                  'type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', $2::text))))),
                body_text = $2, content_hash = $3, content_version = 1, content_updated_at = now()
          where id = $1`,
        [id, text, hash],
      );
    }
    await tx.query("insert into public.statement_documents (statement_id, strategy_id, state, byte_size) values ($1, $2, '\\x0000', 2)", [
      statementId,
      strategyId,
    ]);
    await tx.query(
      `insert into public.statement_contributions (strategy_id, statement_id, user_id, role_group, chars_added, edits)
       values ($1, $2, $3, 'worker', 56, 3)`,
      [strategyId, statementId, subject.id],
    );
  });
  const version = await db.asUser(facilitator.claims, (tx) =>
    tx.one<{ id: string }>("select app.save_statement_version($1, 'First draft') as id", [statementId]),
  );
  const { commentId, endorsementId } = await db.asUser(subject.claims, async (tx) => {
    const comment = await tx.one<{ id: string }>(
      "insert into public.statement_comments (strategy_id, statement_id, author_id, body) values ($1, $2, $3, 'Who decides what help I get?') returning id",
      [strategyId, statementId, subject.id],
    );
    const endorsement = await tx.one<{ id: string }>(
      `insert into public.statement_endorsements (strategy_id, statement_id, user_id, content_hash, content_version)
       values ($1, $2, $3, $4, 0) returning id`,
      [strategyId, statementId, subject.id, statementContentHash],
    );
    return { commentId: comment!.id, endorsementId: endorsement!.id };
  });
  const ownEndorsementIds = {} as Place["ownEndorsementIds"];
  for (const writer of coWriters) {
    const user = users[writer];
    const row = await db.asUser(user.claims, (tx) =>
      tx.one<{ id: string }>(
        `insert into public.statement_endorsements (strategy_id, statement_id, user_id, content_hash, content_version)
         values ($1, $2, $3, $4, 0) returning id`,
        [strategyId, weStatementId, user.id, sha256(`${weStatementId} text`)],
      ),
    );
    ownEndorsementIds[writer] = row!.id;
  }
  return {
    statementId,
    weStatementId,
    statementLinkId,
    statementVersionId: version!.id,
    statementCommentId: commentId,
    statementEndorsementId: endorsementId,
    statementContentHash,
    ownEndorsementIds,
  };
}

beforeAll(async () => {
  db = await openTestDatabase();
  const names = [...members, "outsider", "subject", "newcomer"] as const;
  const users = {} as World["users"];
  for (const name of names) users[name] = await createUser(db, { displayName: name });
  const organisations: Organisations = {
    signatoryOrganisationId: await createOrganisation(db),
    otherSignerOrganisationId: await createOrganisation(db),
    notAskedOrganisationId: await createOrganisation(db),
  };
  const notRequiredOrganisationId = await createOrganisation(db);
  const spareOrganisationId = await createOrganisation(db);
  await createStrategy(db, users.outsider);
  world = {
    users,
    ...organisations,
    notRequiredOrganisationId,
    spareOrganisationId,
    strategies: {
      private: await buildPlace("private", users, organisations),
      public: await buildPlace("public", users, organisations),
    },
  };
});

afterAll(async () => {
  await db?.dispose();
});

describe("the matrix", () => {
  it("acts as roles that Row Level Security applies to", async () => {
    for (const actor of ["visitor", "worker"] as const) {
      const role = await db.asUser(claimsOf(actor), (tx) =>
        tx.one<{ name: string; bypasses: boolean }>(
          "select rolname as name, rolsuper or rolbypassrls as bypasses from pg_roles where rolname = current_user",
        ),
      );
      expect(role).toEqual({ name: actor === "visitor" ? "anon" : "authenticated", bypasses: false });
    }
  });

  it("covers every table in schema public, and every action on each", async () => {
    const tables = await db.asOwner((tx) =>
      tx.query<{ name: string }>(
        "select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') order by 1",
      ),
    );
    expect(tables.map((t) => t.name)).toEqual([...PUBLIC_TABLES].sort());
    for (const table of PUBLIC_TABLES) {
      const covered = ACTIONS.filter((action) => MATRIX.some((row) => row.table === table && row[action]));
      expect(covered, table).toEqual([...ACTIONS]);
    }
  });
});

const settings = [
  // Rows not tied to a strategy never depend on its visibility; "private" only fills the slot.
  { title: "not tied to a strategy", visibility: "private", rows: MATRIX.filter((row) => row.acrossStrategies) },
  ...VISIBILITIES.map((visibility) => ({
    title: `on a ${visibility} strategy`,
    visibility,
    rows: MATRIX.filter((row) => !row.acrossStrategies),
  })),
] as const;

for (const { title, visibility, rows } of settings) {
  describe(title, () => {
    for (const row of rows) {
      describe(`${row.table} (${row.about})`, () => {
        for (const action of ACTIONS) {
          const spec = row[action];
          if (!spec) continue;
          const allowed = allowedOn(spec.allowed, visibility);
          for (const actor of row.actors ?? ACTORS) {
            const may = allowed.includes(actor);
            it(`${action}: ${actor} ${may ? "may" : "may not"}`, async () => {
              const c: Case = {
                world,
                place: world.strategies[visibility],
                me: actor === "visitor" ? null : world.users[actor],
                fresh: randomUUID(),
              };
              if ("rows" in spec) {
                const outcome = await read(actor, spec.rows(c));
                if (may) expect(outcome).toBe("all");
                else expect(["none", "refused"]).toContain(outcome);
              } else {
                const outcome = await write(actor, spec.attempt(c), spec.look(c));
                if (may) expect(outcome).toBe("changed");
                else expect(["refused", "unchanged"]).toContain(outcome);
              }
            });
          }
        }
      });
    }
  });
}

/** Runs fn as one of the database roles, expecting it to fail; returns the error. */
async function failureAs(role: "anon" | "authenticated" | "service_role" | "owner", fn: (tx: Tx) => Promise<unknown>) {
  const run =
    role === "anon"
      ? db.asUser(null, fn)
      : role === "authenticated"
        ? db.asUser(world.users.facilitator.claims, fn)
        : role === "service_role"
          ? db.asService("test: try to change the audit log", fn)
          : db.asOwner(fn);
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `${role} should have been refused`).toBeDefined();
  return error as PgError;
}

describe("the audit log", () => {
  const ROLES = ["anon", "authenticated", "service_role", "owner"] as const;
  const TAMPERING = {
    update: "update public.audit_log set action = 'tampered'",
    delete: "delete from public.audit_log",
    truncate: "truncate public.audit_log",
  };

  for (const role of ROLES) {
    for (const [how, sql] of Object.entries(TAMPERING)) {
      it(`cannot be changed by ${how} as ${role}`, async () => {
        const before = await db.asService("test: count the audit log", (tx) => tx.one<{ n: number }>("select count(*)::int as n from public.audit_log"));
        expect(before!.n).toBeGreaterThan(0);
        const error = await failureAs(role, (tx) => tx.query(sql));
        expect(error.code).toBe("42501");
        const after = await db.asService("test: count the audit log", (tx) => tx.one<{ n: number }>("select count(*)::int as n from public.audit_log"));
        expect(after).toEqual(before);
      });
    }
  }

  for (const role of ["anon", "authenticated", "service_role"] as const) {
    it(`cannot be written to directly as ${role}`, async () => {
      const error = await failureAs(role, (tx) =>
        tx.query(
          "insert into public.audit_log (seq, entity_type, action, prev_hash, hash) values (1000000, 'strategy', 'forged', '', '')",
        ),
      );
      expect(error.code).toBe("42501");
    });
  }

  it("records a change made through the app, attributed to the person who made it", async () => {
    const { facilitator } = world.users;
    const { priorityId } = await createStrategy(db, facilitator);
    await db.asUser(facilitator.claims, (tx) =>
      tx.query("update public.priorities set title = 'A clearer title' where id = $1", [priorityId]),
    );
    const entries = await db.asUser(facilitator.claims, (tx) =>
      tx.query<{ actor_id: string; action: string; details: unknown }>(
        "select actor_id, action, details from public.audit_log where entity_type = 'priority' and entity_id = $1 order by seq",
        [priorityId],
      ),
    );
    expect(entries.map((e) => [e.actor_id, e.action])).toEqual([
      [facilitator.id, "created"],
      [facilitator.id, "updated"],
    ]);
    expect(entries[1].details).toEqual({ changes: { title: { from: "A priority", to: "A clearer title" } } });
  });

  it("chains every entry to the one before it by hash", async () => {
    const broken = await db.asService("test: verify the audit chain", (tx) =>
      tx.query(
        `select seq from (
           select a.seq, a.hash, a.prev_hash,
             lag(a.hash, 1, repeat('0', 64)) over (order by a.seq) as expected_prev,
             encode(sha256(convert_to(app.audit_canonical(a), 'UTF8')), 'hex') as expected_hash,
             a.seq - lag(a.seq, 1, 0::bigint) over (order by a.seq) as step
           from public.audit_log a
         ) chain
         where prev_hash <> expected_prev or hash <> expected_hash or step <> 1`,
      ),
    );
    expect(broken).toEqual([]);
  });
});

describe("a strategy's last facilitator", () => {
  const LAST_FACILITATOR = { code: "P0001", hint: "last_facilitator" };

  async function facilitatorRole(strategyId: string, userId: string) {
    const row = await db.asUser(world.users.facilitator.claims, (tx) =>
      tx.one<{ id: string }>("select id from public.member_roles where strategy_id = $1 and user_id = $2 and role = 'facilitator'", [
        strategyId,
        userId,
      ]),
    );
    return row!.id;
  }

  async function facilitatorsOf(strategyId: string) {
    const rows = await db.asUser(world.users.facilitator.claims, (tx) =>
      tx.query<{ user_id: string }>("select user_id from public.member_roles where strategy_id = $1 and role = 'facilitator'", [strategyId]),
    );
    return rows.map((r) => r.user_id);
  }

  const attempts: Record<string, (tx: Tx, ids: { strategyId: string; roleId: string; otherStrategyId: string }) => Promise<unknown>> = {
    "losing the role": (tx, { roleId }) => tx.query("delete from public.member_roles where id = $1", [roleId]),
    "leaving the strategy": (tx, { strategyId }) =>
      tx.query("delete from public.strategy_members where strategy_id = $1 and user_id = $2", [strategyId, world.users.facilitator.id]),
    "having the role changed": (tx, { roleId }) => tx.query("update public.member_roles set role = 'observer' where id = $1", [roleId]),
    "having the role moved to another strategy": (tx, { roleId, otherStrategyId }) =>
      tx.query("update public.member_roles set strategy_id = $2, user_id = $3 where id = $1", [
        roleId,
        otherStrategyId,
        world.users.subject.id,
      ]),
  };

  for (const [how, attempt] of Object.entries(attempts)) {
    it(`cannot be removed by ${how}`, async () => {
      const { facilitator, subject } = world.users;
      const { strategyId } = await createStrategy(db, facilitator);
      const other = await createStrategy(db, facilitator);
      await addMember(db, facilitator, other.strategyId, subject, [{ role: "worker" }]);
      const roleId = await facilitatorRole(strategyId, facilitator.id);
      const error = await db
        .asUser(facilitator.claims, (tx) => attempt(tx, { strategyId, roleId, otherStrategyId: other.strategyId }))
        .then(() => undefined, (e: PgError) => e);
      expect(error).toMatchObject(LAST_FACILITATOR);
      expect(await facilitatorsOf(strategyId)).toEqual([facilitator.id]);
    });
  }

  it("may step down once another facilitator is appointed", async () => {
    const { facilitator, subject } = world.users;
    const { strategyId } = await createStrategy(db, facilitator);
    await addMember(db, facilitator, strategyId, subject, [{ role: "facilitator" }]);
    const roleId = await facilitatorRole(strategyId, facilitator.id);
    await db.asUser(facilitator.claims, (tx) => tx.query("delete from public.member_roles where id = $1", [roleId]));
    const remaining = await db.asUser(subject.claims, (tx) =>
      tx.query<{ user_id: string }>("select user_id from public.member_roles where strategy_id = $1 and role = 'facilitator'", [strategyId]),
    );
    expect(remaining.map((r) => r.user_id)).toEqual([subject.id]);
  });
});

describe("accepting an invitation", () => {
  type Invitation = { strategyId: string; token: string; email: string };

  /** A facilitator invites `email` to a new private strategy; the token is what the link carries. */
  async function invite(
    email: string,
    { roles = ["worker"] as Role[], organisationId = null as string | null, expired = false } = {},
  ): Promise<Invitation> {
    const { facilitator } = world.users;
    const { strategyId } = await createStrategy(db, facilitator);
    const token = randomBytes(32).toString("base64url");
    await db.asUser(facilitator.claims, (tx) =>
      tx.query(
        `insert into public.invitations (strategy_id, email, roles, organisation_id, token_hash, invited_by, expires_at)
         values ($1, $2, $3, $4, $5, $6, now() + case when $7 then interval '-1 day' else interval '14 days' end)`,
        [strategyId, email, roles, organisationId, sha256(token), facilitator.id, expired],
      ),
    );
    return { strategyId, token, email };
  }

  const accept = (claims: Claims | null, token: string) =>
    db.asUser(claims, (tx) => tx.one<{ strategy_id: string }>("select app.accept_invitation($1) as strategy_id", [token]));

  const refusal = (claims: Claims | null, token: string) =>
    accept(claims, token).then(
      () => undefined,
      (e: PgError) => ({ code: e.code, hint: e.hint }),
    );

  const preview = (token: string) =>
    db.asUser(null, (tx) => tx.one<{ strategy_title: string; state: string }>("select * from app.invitation_preview($1)", [token]));

  async function rolesOf(user: TestUser, strategyId: string) {
    const rows = await db.asUser(user.claims, (tx) =>
      tx.query<{ role: string; organisation_id: string | null }>(
        "select role, organisation_id from public.member_roles where strategy_id = $1 and user_id = $2 order by role",
        [strategyId, user.id],
      ),
    );
    return rows;
  }

  it("makes the invited person a member with the roles offered", async () => {
    const invitee = await createUser(db);
    const invitation = await invite(invitee.email, { roles: ["lived_experience", "worker"] });
    expect(await preview(invitation.token)).toMatchObject({ state: "open" });

    expect(await accept(invitee.claims, invitation.token)).toEqual({ strategy_id: invitation.strategyId });

    expect(await rolesOf(invitee, invitation.strategyId)).toEqual([
      { role: "lived_experience", organisation_id: null },
      { role: "worker", organisation_id: null },
    ]);
    const seen = await db.asUser(invitee.claims, (tx) => tx.query("select id from public.strategies where id = $1", [invitation.strategyId]));
    expect(seen).toHaveLength(1);
    expect(await preview(invitation.token)).toMatchObject({ state: "accepted" });
  });

  it("gives a signatory the organisation they sign for", async () => {
    const invitee = await createUser(db);
    const invitation = await invite(invitee.email, { roles: ["signatory"], organisationId: world.signatoryOrganisationId });
    await accept(invitee.claims, invitation.token);
    expect(await rolesOf(invitee, invitation.strategyId)).toEqual([
      { role: "signatory", organisation_id: world.signatoryOrganisationId },
    ]);
  });

  it("matches the email address whatever its case", async () => {
    const invitee = await createUser(db);
    const invitation = await invite(invitee.email);
    const shouted = { ...invitee.claims, email: invitee.email.toUpperCase() };
    expect(await accept(shouted, invitation.token)).toEqual({ strategy_id: invitation.strategyId });
  });

  it("refuses someone signed in with another email address", async () => {
    const invitee = await createUser(db);
    const someoneElse = await createUser(db);
    const invitation = await invite(invitee.email);
    expect(await refusal(someoneElse.claims, invitation.token)).toEqual({ code: "42501", hint: "invitation_email_mismatch" });
    expect(await rolesOf(someoneElse, invitation.strategyId)).toEqual([]);
    expect(await preview(invitation.token)).toMatchObject({ state: "open" });
  });

  it("cannot be used twice", async () => {
    const invitee = await createUser(db);
    const invitation = await invite(invitee.email);
    await accept(invitee.claims, invitation.token);
    expect(await refusal(invitee.claims, invitation.token)).toEqual({ code: "P0001", hint: "invitation_used" });
  });

  it("cannot be used once withdrawn", async () => {
    const invitee = await createUser(db);
    const invitation = await invite(invitee.email);
    await db.asUser(world.users.facilitator.claims, (tx) =>
      tx.query("update public.invitations set revoked_at = now() where token_hash = $1", [sha256(invitation.token)]),
    );
    expect(await preview(invitation.token)).toMatchObject({ state: "revoked" });
    expect(await refusal(invitee.claims, invitation.token)).toEqual({ code: "P0001", hint: "invitation_revoked" });
    expect(await rolesOf(invitee, invitation.strategyId)).toEqual([]);
  });

  it("cannot be used once expired", async () => {
    const invitee = await createUser(db);
    const invitation = await invite(invitee.email, { expired: true });
    expect(await preview(invitation.token)).toMatchObject({ state: "expired" });
    expect(await refusal(invitee.claims, invitation.token)).toEqual({ code: "P0001", hint: "invitation_expired" });
    expect(await rolesOf(invitee, invitation.strategyId)).toEqual([]);
  });

  it("refuses a token that was never issued", async () => {
    const invitee = await createUser(db);
    expect(await refusal(invitee.claims, randomBytes(32).toString("base64url"))).toEqual({ code: "P0002", hint: "invitation_unknown" });
    expect(await preview(randomBytes(32).toString("base64url"))).toBeUndefined();
  });

  it("needs a signed-in person", async () => {
    const invitee = await createUser(db);
    const invitation = await invite(invitee.email);
    expect(await refusal(null, invitation.token)).toMatchObject({ code: "42501" });
    expect(await preview(invitation.token)).toMatchObject({ state: "open" });
  });
});
