import { randomUUID } from "node:crypto";
import type { Claims, Database, Tx } from "../../app/platform/db.server";
import { addMember, createOrganisation, createStrategy, createUser, type TestUser } from "./factories";

/**
 * A public strategy with something of everything the public may and may not see: an agreed
 * commitment (signed off with conditions), a proposed one and one still waiting for its
 * organisation; a measure with a verified and an unverified data point and a measure with none;
 * verified feedback, feedback waiting for review, a returned document, a story with consent to
 * publish (anonymised), and a story without it. Every row is written by the person whose action
 * it is, through RLS, as the pages would.
 */
export type PublicStrategy = Awaited<ReturnType<typeof buildPublicStrategy>>;

export const STORY_WITHOUT_CONSENT = "I was told my shifts by text the night before, every week.";
export const STORY_WITH_CONSENT = "My carer stayed long enough to have a cup of tea with me.";

export async function buildPublicStrategy(db: Database) {
  const as = <T>(who: TestUser | null, fn: (tx: Tx) => Promise<T>) => db.asUser(who ? who.claims : (null as Claims | null), fn);
  const [facilitator, evaluator, worker, teller, signatory, outsider] = await Promise.all(
    ["Fay Facilitator", "Eve Evaluator", "Will Worker", "Tess Teller", "Sid Signatory", "Otto Outsider"].map((displayName) =>
      createUser(db, { displayName }),
    ),
  );
  const organisationId = await createOrganisation(db);
  const strategy = await createStrategy(db, facilitator, { visibility: "public" });
  const { strategyId, priorityId, commitmentId: agreedId } = strategy;
  await addMember(db, facilitator, strategyId, evaluator, [{ role: "evaluator" }]);
  await addMember(db, facilitator, strategyId, worker, [{ role: "worker" }]);
  await addMember(db, facilitator, strategyId, teller, [{ role: "lived_experience" }]);
  await addMember(db, facilitator, strategyId, signatory, [{ role: "partner" }, { role: "signatory", organisationId }]);

  const { proposedId, waitingId } = await as(facilitator, async (tx) => {
    const add = async (position: number, text: string, status: string) =>
      (await tx.one<{ id: string }>(
        `insert into public.commitments (strategy_id, priority_id, position, text, responsible_parties, status)
         values ($1, $2, $3, $4, '{employers}', $5) returning id`,
        [strategyId, priorityId, position, text, status],
      ))!.id;
    const proposed = await add(2, "We will publish a draft plan nobody has agreed yet.", "proposed");
    const waiting = await add(3, "We will wait for our partners to sign this one.", "proposed");
    for (const id of [agreedId, waiting]) {
      await tx.query("insert into public.sign_off_organisations (strategy_id, commitment_id, organisation_id) values ($1, $2, $3)", [
        strategyId,
        id,
        organisationId,
      ]);
      await tx.query("insert into public.sign_off_requests (strategy_id, commitment_id, organisation_id) values ($1, $2, $3)", [
        strategyId,
        id,
        organisationId,
      ]);
    }
    return { proposedId: proposed, waitingId: waiting };
  });
  await as(signatory, (tx) =>
    tx.query(
      `insert into public.sign_off_decisions (strategy_id, commitment_id, organisation_id, revision, decision, conditions, signed_by)
       values ($1, $2, $3, 1, 'endorsed_with_conditions', '=Reviewed each spring', $4)`,
      [strategyId, agreedId, organisationId, signatory.id],
    ),
  );

  const measureIds = await as(facilitator, async (tx) => {
    const add = async (name: string) => {
      const id = (await tx.one<{ id: string }>(
        `insert into public.measures (strategy_id, name, kind, unit, direction, baseline_value, baseline_date, target_value,
           target_date, rag_method, tolerance)
         values ($1, $2, 'quantitative', 'percentage', 'lower_is_better', 7.8, '2024-03-31', 5, '2028-03-31', 'trajectory', 0.5)
         returning id`,
        [strategyId, name],
      ))!.id;
      await tx.query("insert into public.measure_links (strategy_id, measure_id, priority_id) values ($1, $2, $3)", [strategyId, id, priorityId]);
      return id;
    };
    return { reported: await add("A vacancy rate"), empty: await add("B measure with no data") };
  });

  const submit = (by: TestUser, fields: Record<string, unknown>) => {
    const values: Record<string, unknown> = {
      strategy_id: strategyId,
      kind: "feedback",
      category: "staff_leader_feedback",
      priority_id: priorityId,
      source: "Care workers' forum",
      evidence_date: "2026-03-15",
      ...fields,
    };
    const names = Object.keys(values);
    return as(by, async (tx) =>
      (await tx.one<{ id: string }>(
        `insert into public.evidence (${names.join(", ")}) values (${names.map((_, i) => `$${i + 1}`).join(", ")}) returning id`,
        Object.values(values),
      ))!.id,
    );
  };
  const review = (id: string, status: "verified" | "returned") =>
    as(evaluator, (tx) =>
      tx.query("update public.evidence set status = $2, review_note = $3 where id = $1", [id, status, status === "returned" ? "Please add the date." : null]),
    );

  const verifiedPoint = await submit(worker, {
    kind: "data_point",
    category: "outcomes",
    priority_id: null,
    measure_id: measureIds.reported,
    title: "Vacancy rate, 2024 to 2025",
    value: -3,
    period_end: "2025-03-31",
    source: "@SUM(A1) workforce data",
  });
  await review(verifiedPoint, "verified");
  const unverifiedPoint = await submit(worker, {
    kind: "data_point",
    category: "outcomes",
    priority_id: null,
    measure_id: measureIds.reported,
    title: "Vacancy rate, 2025 to 2026",
    value: 6.5,
    period_end: "2026-03-31",
  });
  const verifiedFeedback = await submit(worker, { title: "=HYPERLINK(\"http://evil.test\") what the forum said", body: "Pay came up first." });
  await review(verifiedFeedback, "verified");
  const waitingFeedback = await submit(worker, { title: "Feedback still waiting for review", body: "Not yet looked at." });
  const fileId = await as(worker, async (tx) =>
    (await tx.one<{ id: string }>(
      `insert into public.evidence_files (strategy_id, storage_key, sha256, byte_size, content_type, file_name)
       values ($1, $2, $3, 2048, 'application/pdf', 'minutes.pdf') returning id`,
      [strategyId, `${strategyId}/${randomUUID()}`, "a".repeat(64)],
    ))!.id,
  );
  const returnedDocument = await submit(worker, { kind: "document", category: "processes", title: "Board minutes", file_id: fileId });
  await review(returnedDocument, "returned");
  const storyWithConsent = await submit(teller, {
    kind: "story",
    category: "peoples_experience",
    title: "A visit that felt unhurried",
    body: STORY_WITH_CONSENT,
    consent_quote: true,
    consent_publish: true,
    anonymised: true,
    evidence_date: "2026-04-01",
  });
  await review(storyWithConsent, "verified");
  const storyWithoutConsent = await submit(teller, {
    kind: "story",
    category: "peoples_experience",
    title: "Shifts by text",
    body: STORY_WITHOUT_CONSENT,
    consent_quote: true,
    evidence_date: "2026-04-02",
  });
  await review(storyWithoutConsent, "verified");

  return {
    ...strategy,
    people: { facilitator, evaluator, worker, teller, signatory, outsider },
    organisationId,
    commitments: { agreedId, proposedId, waitingId },
    measures: measureIds,
    evidence: { verifiedPoint, unverifiedPoint, verifiedFeedback, waitingFeedback, returnedDocument, storyWithConsent, storyWithoutConsent },
  };
}
