import type { Database, Tx } from "~/platform/db.server";
import { createAccount } from "~/platform/auth/embedded.server";
import { storeBody } from "~/collab/document.server";
import { bodyToText, type StatementBody } from "~/domain/statement-content";
import { addContributions, getRoleGroup } from "~/models/statement-documents.server";
import {
  DEMO_DATA_POINT_SOURCE,
  DEMO_EVIDENCE_SOURCE,
  DEMO_PASSWORD,
  DEMO_STRATEGY_ID,
  demoAccounts,
  demoEvidence,
  demoMeasures,
  demoOrganisations,
  demoPriorities,
  demoSignOff,
  demoStatements,
  demoStrategy,
} from "./demo/content";

/** Ensures the sector's organisations exist; returns their ids by demo key. */
async function ensureOrganisations(tx: Tx): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const org of demoOrganisations) {
    const row = await tx.one<{ id: string }>(
      `insert into public.organisations (name, short_name, kind) values ($1, $2, $3)
       on conflict ((lower(name))) do update set short_name = public.organisations.short_name
       returning id`,
      [org.name, org.shortName, org.kind],
    );
    ids[org.key] = row!.id;
  }
  return ids;
}

/**
 * Loads the demo strategy once (it is left alone if it exists). With accounts, also creates one
 * account per role for local use, whose credentials the README lists. Runs as service_role:
 * there is no user to act as when the server first starts.
 */
export async function seedDemo(db: Database, { withAccounts }: { withAccounts: boolean }): Promise<void> {
  const exists = await db.asService("demo seed: is the demo loaded?", (tx) =>
    tx.one("select 1 from public.strategies where id = $1", [DEMO_STRATEGY_ID]),
  );
  if (exists) {
    await seedDemoStatements(db);
    await seedDemoSignOff(db);
    await seedDemoMeasures(db);
    return seedDemoEvidence(db);
  }

  const accountIds: Record<string, string> = {};
  if (withAccounts) {
    for (const account of demoAccounts) {
      accountIds[account.email] = await createAccount(db, {
        email: account.email,
        password: DEMO_PASSWORD,
        displayName: account.displayName,
        chosenName: account.chosenName,
      });
    }
  }

  await db.asService("demo seed: load the demo strategy", async (tx) => {
    const orgs = await ensureOrganisations(tx);
    await tx.query(
      `insert into public.strategies (id, title, summary, scope, visibility, status)
       values ($1, $2, $3, 'national', 'public', 'consultation')`,
      [DEMO_STRATEGY_ID, demoStrategy.title, demoStrategy.summary],
    );
    for (const [i, f] of demoStrategy.whereWeAre.entries()) {
      await tx.query(
        `insert into public.context_figures (strategy_id, priority_id, position, figure, description, source)
         values ($1, null, $2, $3, $4, $5)`,
        [DEMO_STRATEGY_ID, i + 1, f.figure, f.description, f.source],
      );
    }
    for (const [p, priority] of demoPriorities.entries()) {
      const row = await tx.one<{ id: string }>(
        `insert into public.priorities (strategy_id, position, title, summary, context)
         values ($1, $2, $3, $4, $5) returning id`,
        [DEMO_STRATEGY_ID, p + 1, priority.title, priority.summary, priority.context],
      );
      const priorityId = row!.id;
      for (const [i, f] of priority.figures.entries()) {
        await tx.query(
          `insert into public.context_figures (strategy_id, priority_id, position, figure, description, source, source_url)
           values ($1, $2, $3, $4, $5, $6, $7)`,
          [DEMO_STRATEGY_ID, priorityId, i + 1, f.figure, f.description, f.source, f.sourceUrl ?? null],
        );
      }
      for (const [i, c] of priority.commitments.entries()) {
        await tx.query(
          `insert into public.commitments
             (strategy_id, priority_id, position, text, responsible_parties, lead_organisation_id, due_date, status)
           values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [DEMO_STRATEGY_ID, priorityId, i + 1, c.text, c.parties, orgs[c.lead], c.due, c.status],
        );
      }
    }
    for (const account of demoAccounts) {
      const userId = accountIds[account.email];
      if (!userId) continue;
      await tx.query(
        "insert into public.strategy_members (strategy_id, user_id, organisation_id) values ($1, $2, $3)",
        [DEMO_STRATEGY_ID, userId, account.organisation ? orgs[account.organisation] : null],
      );
      for (const r of account.roles) {
        await tx.query(
          "insert into public.member_roles (strategy_id, user_id, role, organisation_id) values ($1, $2, $3, $4)",
          [DEMO_STRATEGY_ID, userId, r.role, r.organisation ? orgs[r.organisation] : null],
        );
      }
    }
  });
  await seedDemoStatements(db);
  await seedDemoSignOff(db);
  await seedDemoMeasures(db);
  await seedDemoEvidence(db);
}

/** A demo statement's paragraphs as a body: a paragraph whose lines start "- " is a bulleted list. */
function demoBody(paragraphs: string[]): StatementBody {
  return {
    type: "doc",
    content: paragraphs.map((p) =>
      p.startsWith("- ")
        ? {
            type: "bulletList",
            content: p.split("\n").map((line) => ({
              type: "listItem",
              content: [{ type: "paragraph", content: [{ type: "text", text: line.replace(/^- /, "") }] }],
            })),
          }
        : { type: "paragraph", content: [{ type: "text", text: p }] },
    ),
  };
}

/**
 * Loads the demo statements once, also into a demo loaded before statements existed (they are
 * left alone if the first is there). Each text is stored as its Yjs document, as the editor
 * would have stored it, and counted as the writing of the demo account named as its writer, in
 * that person's role group; "nothing about us without us" is switched on for the demo strategy.
 */
async function seedDemoStatements(db: Database): Promise<void> {
  await db.asService("demo seed: load the demo statements", async (tx) => {
    if (!(await tx.one("select 1 from public.strategies where id = $1", [DEMO_STRATEGY_ID]))) return;
    if (await tx.one("select 1 from public.statements where id = $1", [demoStatements[0].id])) return;
    await tx.query("update public.strategies set require_lived_experience_to_agree = true where id = $1", [DEMO_STRATEGY_ID]);

    const people = new Map(
      (
        await tx.query<{ id: string; email: string }>("select id, email from auth.users where email = any($1)", [
          demoStatements.map((s) => s.writtenBy),
        ])
      ).map((u) => [u.email, u.id]),
    );
    const priorities = await tx.query<{ id: string }>(
      "select id from public.priorities where strategy_id = $1 and archived_at is null order by position",
      [DEMO_STRATEGY_ID],
    );
    const commitmentId = async (priority: number, commitment: number) =>
      (
        await tx.one<{ id: string }>(
          "select id from public.commitments where priority_id = $1 and archived_at is null order by position offset $2 limit 1",
          [priorities[priority - 1]?.id, commitment - 1],
        )
      )?.id;

    for (const s of demoStatements) {
      const writer = people.get(s.writtenBy) ?? null;
      await tx.query(
        `insert into public.statements (id, strategy_id, kind, title, theme, status, created_by)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [s.id, DEMO_STRATEGY_ID, s.kind, s.title, s.theme, s.status, writer],
      );
      const body = demoBody(s.body);
      await storeBody(tx, s.id, body);
      if (writer) {
        const roleGroup = await getRoleGroup(tx, DEMO_STRATEGY_ID, writer);
        await addContributions(tx, DEMO_STRATEGY_ID, s.id, [
          { userId: writer, roleGroup, charsAdded: bodyToText(body).length, charsRemoved: 0, edits: 1 },
        ]);
      }
    }
    for (const s of demoStatements) {
      const writer = people.get(s.writtenBy) ?? null;
      const targets: [string, string | undefined][] = [
        ...(s.answers ?? []).map((id): [string, string] => ["i_statement", id]),
        ...(s.priorities ?? []).map((p): [string, string | undefined] => ["priority", priorities[p - 1]?.id]),
      ];
      for (const [p, c] of s.commitments ?? []) targets.push(["commitment", await commitmentId(p, c)]);
      for (const [kind, id] of targets) {
        if (!id) continue;
        await tx.query(
          `insert into public.statement_links (strategy_id, statement_id, target_kind, i_statement_id, priority_id, commitment_id, created_by)
           values ($1, $2, $3, $4, $5, $6, $7)`,
          [
            DEMO_STRATEGY_ID,
            s.id,
            kind,
            kind === "i_statement" ? id : null,
            kind === "priority" ? id : null,
            kind === "commitment" ? id : null,
            writer,
          ],
        );
      }
    }
  });
}

/**
 * Acts as a demo person for the rest of the seed's transaction (role and claims, as a request of
 * theirs would), or as the seed again with null: the evidence rules ask who submits and who
 * verifies, and the history names them.
 */
async function actAs(tx: Tx, userId: string | null): Promise<void> {
  await tx.query(userId ? "set local role authenticated" : "set local role service_role");
  await tx.query("select set_config('request.jwt.claims', $1, true)", [
    JSON.stringify(userId ? { sub: userId, role: "authenticated" } : { role: "service_role" }),
  ]);
}

/**
 * Loads the demo measures once, also into a demo loaded before measures existed (they are left
 * alone if the first is there): the measures and their links as the seed, then, when the demo
 * accounts exist, their data points, each submitted by the demo worker and verified by the demo
 * evaluator as themselves (under Row Level Security and the evidence rules, like anyone's).
 */
async function seedDemoMeasures(db: Database): Promise<void> {
  await db.asService("demo seed: load the demo measures", async (tx) => {
    if (!(await tx.one("select 1 from public.strategies where id = $1", [DEMO_STRATEGY_ID]))) return;
    if (await tx.one("select 1 from public.measures where id = $1", [demoMeasures[0].id])) return;

    const priorities = await tx.query<{ id: string }>(
      "select id from public.priorities where strategy_id = $1 and archived_at is null order by position",
      [DEMO_STRATEGY_ID],
    );
    const commitmentId = async (priority: number, commitment: number) =>
      (
        await tx.one<{ id: string }>(
          "select id from public.commitments where priority_id = $1 and archived_at is null order by position offset $2 limit 1",
          [priorities[priority - 1]?.id, commitment - 1],
        )
      )?.id;

    for (const m of demoMeasures) {
      const quantitative = m.rag.method !== "judgement";
      await tx.query(
        `insert into public.measures
           (id, strategy_id, name, definition, kind, unit, direction, baseline_value, baseline_date, baseline_source,
            target_value, target_date, target_is_example, frequency, data_source, data_source_detail, rag_method,
            tolerance, on_track_threshold, off_track_threshold)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, true, $13, $14, $15, $16, $17, $18, $19)`,
        [
          m.id,
          DEMO_STRATEGY_ID,
          m.name,
          m.definition,
          quantitative ? "quantitative" : "qualitative",
          m.unit ?? null,
          m.direction ?? null,
          m.baseline?.value ?? null,
          m.baseline?.date ?? null,
          m.baseline?.source ?? null,
          m.target?.value ?? null,
          m.target?.date ?? m.milestoneDate ?? null,
          m.frequency,
          m.dataSource,
          m.dataSourceDetail,
          m.rag.method,
          m.rag.method === "trajectory" ? m.rag.tolerance : null,
          m.rag.method === "thresholds" ? m.rag.onTrack : null,
          m.rag.method === "thresholds" ? m.rag.offTrack : null,
        ],
      );
      const links: [string, string | undefined][] = (m.priorities ?? []).map((p) => ["priority", priorities[p - 1]?.id]);
      for (const [p, c] of m.commitments ?? []) links.push(["commitment", await commitmentId(p, c)]);
      for (const [kind, id] of links) {
        if (!id) continue;
        await tx.query(
          "insert into public.measure_links (strategy_id, measure_id, commitment_id, priority_id) values ($1, $2, $3, $4)",
          [DEMO_STRATEGY_ID, m.id, kind === "commitment" ? id : null, kind === "priority" ? id : null],
        );
      }
    }

    const people = await tx.query<{ id: string; email: string }>("select id, email from auth.users where email = any($1)", [
      ["worker@demo.hub.local", "evaluator@demo.hub.local"],
    ]);
    const worker = people.find((p) => p.email === "worker@demo.hub.local")?.id;
    const evaluator = people.find((p) => p.email === "evaluator@demo.hub.local")?.id;
    if (!worker || !evaluator) return;
    for (const m of demoMeasures) {
      for (const point of m.dataPoints) {
        await actAs(tx, worker);
        const row = await tx.one<{ id: string }>(
          `insert into public.evidence
             (strategy_id, kind, category, measure_id, title, source, evidence_date, value, judgement, period_start, period_end)
           values ($1, 'data_point', 'outcomes', $2, $3, $4, $5::date + 90, $6, $7, $8, $5) returning id`,
          [DEMO_STRATEGY_ID, m.id, point.title, DEMO_DATA_POINT_SOURCE, point.periodEnd, point.value ?? null, point.judgement ?? null, point.periodStart],
        );
        if (point.verified) {
          await actAs(tx, evaluator);
          await tx.query("update public.evidence set status = 'verified' where id = $1", [row!.id]);
        }
      }
    }
    await actAs(tx, null);
  });
}

/**
 * Loads the demo's sign-off once, also into a demo loaded before sign-off existed (it is left
 * alone once the strategy has default organisations): ADASS and Skills for Care as the strategy's
 * defaults, both asked to sign off every commitment of priority 1, and two decisions on them by
 * the demo signatories (when their accounts exist). Later commitments ask the defaults, as any
 * new commitment does.
 */
async function seedDemoSignOff(db: Database): Promise<void> {
  await db.asService("demo seed: load the demo sign-off", async (tx) => {
    if (!(await tx.one("select 1 from public.strategies where id = $1", [DEMO_STRATEGY_ID]))) return;
    if (await tx.one("select 1 from public.sign_off_defaults where strategy_id = $1", [DEMO_STRATEGY_ID])) return;

    const orgs = await ensureOrganisations(tx);
    const defaults = demoSignOff.defaults.map((key) => orgs[key]);
    await tx.query(
      "insert into public.sign_off_defaults (strategy_id, priority_id, organisation_id) select $1, null, unnest($2::uuid[])",
      [DEMO_STRATEGY_ID, defaults],
    );
    const asked = await tx.query<{ id: string }>(
      `select c.id from public.commitments c
        where c.priority_id = (select id from public.priorities where strategy_id = $1 and archived_at is null
                                order by position offset $2 limit 1)
          and c.archived_at is null
        order by c.position`,
      [DEMO_STRATEGY_ID, demoSignOff.askedPriority - 1],
    );
    for (const { id } of asked) {
      await tx.query(
        `insert into public.sign_off_organisations (strategy_id, commitment_id, organisation_id)
         select $1, $2, unnest($3::uuid[]) on conflict (commitment_id, organisation_id) do nothing`,
        [DEMO_STRATEGY_ID, id, defaults],
      );
      await tx.query(
        `insert into public.sign_off_requests (strategy_id, commitment_id, organisation_id, message)
         select $1, $2, unnest($3::uuid[]), 'Please sign off the commitments of priority 1 before the next partnership meeting.'
         on conflict (commitment_id, organisation_id, revision) do nothing`,
        [DEMO_STRATEGY_ID, id, defaults],
      );
    }

    const people = new Map(
      (
        await tx.query<{ id: string; email: string }>("select id, email from auth.users where email = any($1)", [
          demoSignOff.decisions.map((d) => d.signedBy),
        ])
      ).map((u) => [u.email, u.id]),
    );
    for (const d of demoSignOff.decisions) {
      const signedBy = people.get(d.signedBy);
      const commitmentId = asked[d.commitment - 1]?.id;
      if (!signedBy || !commitmentId) continue;
      await tx.query(
        `insert into public.sign_off_decisions
           (strategy_id, commitment_id, organisation_id, revision, decision, conditions, reason, signed_by)
         select $1, c.id, $3, c.revision, $4, $5, $6, $7 from public.commitments c where c.id = $2`,
        [DEMO_STRATEGY_ID, commitmentId, orgs[d.organisation], d.decision, d.conditions ?? null, d.reason ?? null, signedBy],
      );
    }
  });
}

/**
 * Loads the demo evidence once, also into a demo loaded before it existed (it is left alone if the
 * first item is there), and only when the demo accounts exist: each item is submitted by its demo
 * person and, unless it is meant to wait for review, verified by the demo evaluator, as themselves
 * (under Row Level Security and the evidence rules, like anyone's).
 */
async function seedDemoEvidence(db: Database): Promise<void> {
  await db.asService("demo seed: load the demo evidence", async (tx) => {
    if (!(await tx.one("select 1 from public.strategies where id = $1", [DEMO_STRATEGY_ID]))) return;
    if (await tx.one("select 1 from public.evidence where strategy_id = $1 and title = $2", [DEMO_STRATEGY_ID, demoEvidence[0].title])) {
      return;
    }
    const people = new Map(
      (
        await tx.query<{ id: string; email: string }>("select id, email from auth.users where email = any($1)", [
          [...demoEvidence.map((e) => e.submittedBy), "evaluator@demo.hub.local"],
        ])
      ).map((u) => [u.email, u.id]),
    );
    const evaluator = people.get("evaluator@demo.hub.local");
    if (!evaluator) return;
    const priorities = await tx.query<{ id: string }>(
      "select id from public.priorities where strategy_id = $1 and archived_at is null order by position",
      [DEMO_STRATEGY_ID],
    );
    const commitmentId = async ([priority, commitment]: [number, number]) =>
      (
        await tx.one<{ id: string }>(
          "select id from public.commitments where priority_id = $1 and archived_at is null order by position offset $2 limit 1",
          [priorities[priority - 1]?.id, commitment - 1],
        )
      )?.id;

    for (const e of demoEvidence) {
      const submitter = people.get(e.submittedBy);
      const priorityId = e.priority ? priorities[e.priority - 1]?.id : null;
      const forCommitment = e.commitment ? await commitmentId(e.commitment) : null;
      if (!submitter || !(priorityId || forCommitment)) continue;
      await actAs(tx, submitter);
      const row = await tx.one<{ id: string }>(
        `insert into public.evidence
           (strategy_id, kind, category, priority_id, commitment_id, title, body, source, evidence_date,
            consent_quote, consent_publish, anonymised)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
        [
          DEMO_STRATEGY_ID,
          e.kind,
          e.category,
          priorityId ?? null,
          forCommitment ?? null,
          e.title,
          e.body,
          DEMO_EVIDENCE_SOURCE,
          e.evidenceDate,
          e.consent?.quote ?? false,
          e.consent?.publish ?? false,
          e.consent?.anonymised ?? false,
        ],
      );
      if (e.verified) {
        await actAs(tx, evaluator);
        await tx.query("update public.evidence set status = 'verified' where id = $1", [row!.id]);
      }
    }
    await actAs(tx, null);
  });
}
