import { describe, expect, it } from "vitest";
import type { AuditSummaryInput } from "./audit-summary";
import { describeAuditEntry, joinWithAnd, quote } from "./audit-summary";
import { SYSTEM_ACTOR_NAME } from "./audit";

const FATIMA = "11111111-1111-4111-8111-111111111111";
const SAM = "22222222-2222-4222-8222-222222222222";
const COMMITMENT = "33333333-3333-4333-8333-333333333333";
const PRIORITY = "44444444-4444-4444-8444-444444444444";
const OTHER_PRIORITY = "55555555-5555-4555-8555-555555555555";
const SKILLS_FOR_CARE = "66666666-6666-4666-8666-666666666666";
const CQC = "77777777-7777-4777-8777-777777777777";
const INVITATION = "88888888-8888-4888-8888-888888888888";
const STRATEGY = "99999999-9999-4999-8999-999999999999";
const STATEMENT = "aaaaaaaa-1111-4aaa-8aaa-aaaaaaaaaaaa";
const WE_STATEMENT = "bbbbbbbb-2222-4bbb-8bbb-bbbbbbbbbbbb";
const VERSION_2 = "cccccccc-3333-4ccc-8ccc-cccccccccccc";
const AMIRA = "dddddddd-4444-4ddd-8ddd-dddddddddddd";

const entry = (overrides: Partial<AuditSummaryInput>): AuditSummaryInput => ({
  actorId: FATIMA,
  actorName: "Fatima Khan",
  entityType: "commitment",
  entityId: COMMITMENT,
  action: "updated",
  details: {},
  names: {},
  ...overrides,
});

const commitmentText = "We will fund a national programme of training for care workers.";

describe("describeAuditEntry: commitments", () => {
  it("says a commitment was added, under its priority", () => {
    expect(
      describeAuditEntry(
        entry({
          action: "created",
          details: { text: commitmentText, priority_id: PRIORITY, status: "draft" },
          names: { [PRIORITY]: "Pay and conditions" },
        }),
      ),
    ).toBe(`Fatima Khan added the commitment “${commitmentText}” under the priority “Pay and conditions”`);
  });

  it("shortens long wording at a word boundary", () => {
    const long = `We will ${"work with partners to improve recruitment and retention ".repeat(4)}across England.`;
    const sentence = describeAuditEntry(entry({ action: "created", details: { text: long } }));
    expect(sentence).toMatch(/^Fatima Khan added the commitment “We will work with partners .* …”$/);
    expect(sentence.length).toBeLessThan(140);
  });

  it("names the dates of a changed due date", () => {
    expect(
      describeAuditEntry(
        entry({
          details: { changes: { due_date: { from: "2027-12-31", to: "2028-03-31" } } },
          names: { [COMMITMENT]: commitmentText },
        }),
      ),
    ).toBe(`Fatima Khan changed the due date of the commitment “${commitmentText}” from 31 December 2027 to 31 March 2028`);
  });

  it("says a due date was set, or removed", () => {
    expect(describeAuditEntry(entry({ details: { changes: { due_date: { from: null, to: "2028-03-31" } } } }))).toBe(
      "Fatima Khan set the due date of a commitment to 31 March 2028",
    );
    expect(describeAuditEntry(entry({ details: { changes: { due_date: { from: "2028-03-31", to: null } } } }))).toBe(
      "Fatima Khan removed the due date of a commitment",
    );
  });

  it("uses the labels of statuses and responsible parties, and the names of organisations", () => {
    expect(describeAuditEntry(entry({ details: { changes: { status: { from: "draft", to: "in_progress" } } } }))).toBe(
      "Fatima Khan changed the status of a commitment from Draft to In progress",
    );
    expect(
      describeAuditEntry(
        entry({ details: { changes: { responsible_parties: { from: ["employers"], to: ["employers", "local_government", "regulators"] } } } }),
      ),
    ).toBe("Fatima Khan changed who is responsible for a commitment from Employers to Employers, Local government and Regulators");
    expect(
      describeAuditEntry(
        entry({
          details: { changes: { lead_organisation_id: { from: SKILLS_FOR_CARE, to: CQC } } },
          names: { [SKILLS_FOR_CARE]: "Skills for Care", [CQC]: "Care Quality Commission" },
        }),
      ),
    ).toBe("Fatima Khan changed the lead organisation of a commitment from Skills for Care to Care Quality Commission");
  });

  it("shows a change of wording from the old words to the new", () => {
    expect(
      describeAuditEntry(
        entry({ details: { changes: { text: { from: "We will pay the living wage.", to: "We will pay at least the real living wage." } } } }),
      ),
    ).toBe("Fatima Khan changed the wording of the commitment “We will pay the living wage.” to “We will pay at least the real living wage.”");
  });

  it("lists several changes in one sentence, in reading order", () => {
    expect(
      describeAuditEntry(
        entry({
          details: {
            changes: {
              status: { from: "draft", to: "agreed" },
              due_date: { from: "2027-12-31", to: "2028-03-31" },
              lead_organisation_id: { from: null, to: SKILLS_FOR_CARE },
            },
          },
          names: { [COMMITMENT]: commitmentText, [SKILLS_FOR_CARE]: "Skills for Care" },
        }),
      ),
    ).toBe(
      `Fatima Khan made changes to the commitment “${commitmentText}”: set the lead organisation to Skills for Care, ` +
        "changed the due date from 31 December 2027 to 31 March 2028 and changed the status from Draft to Agreed",
    );
  });

  it("says a commitment moved to another priority", () => {
    expect(
      describeAuditEntry(
        entry({
          details: { changes: { priority_id: { from: PRIORITY, to: OTHER_PRIORITY }, position: { from: 2, to: 1 } } },
          names: { [COMMITMENT]: commitmentText, [OTHER_PRIORITY]: "Career pathways" },
        }),
      ),
    ).toBe(`Fatima Khan moved the commitment “${commitmentText}” to the priority “Career pathways”`);
  });

  it("says which way a reordered commitment moved", () => {
    expect(
      describeAuditEntry(
        entry({ action: "reordered", details: { changes: { position: { from: 1, to: 2 } } }, names: { [COMMITMENT]: commitmentText } }),
      ),
    ).toBe(`Fatima Khan moved the commitment “${commitmentText}” down, from position 1 to 2`);
  });
});

describe("describeAuditEntry: priorities and figures", () => {
  const priority = (overrides: Partial<AuditSummaryInput>) =>
    entry({ entityType: "priority", entityId: PRIORITY, names: { [PRIORITY]: "Pay and conditions" }, ...overrides });

  it("says a priority moved up", () => {
    expect(describeAuditEntry(priority({ action: "reordered", details: { changes: { position: { from: 3, to: 2 } } } }))).toBe(
      "Fatima Khan moved the priority “Pay and conditions” up, from position 3 to 2",
    );
  });

  it("says a priority was archived and restored", () => {
    expect(describeAuditEntry(priority({ action: "archived", details: { changes: { archived_at: { from: null, to: "2026-11-29T10:00:00+00:00" } } } }))).toBe(
      "Fatima Khan archived the priority “Pay and conditions”",
    );
    expect(describeAuditEntry(priority({ action: "restored", details: { changes: { archived_at: { from: "2026-11-29T10:00:00+00:00", to: null } } } }))).toBe(
      "Fatima Khan restored the priority “Pay and conditions”",
    );
  });

  it("says a priority was renamed, naming it as it was", () => {
    expect(describeAuditEntry(priority({ details: { changes: { title: { from: "Pay", to: "Pay and conditions" } } } }))).toBe(
      "Fatima Khan renamed the priority “Pay” to “Pay and conditions”",
    );
  });

  it("does not repeat a long summary", () => {
    expect(describeAuditEntry(priority({ details: { changes: { summary: { from: "Old words", to: "New words" } } } }))).toBe(
      "Fatima Khan changed the summary of the priority “Pay and conditions”",
    );
  });

  it("says where a context figure was added", () => {
    expect(
      describeAuditEntry(
        entry({
          entityType: "context_figure",
          entityId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
          action: "created",
          actorId: null,
          actorName: SYSTEM_ACTOR_NAME,
          details: { figure: "7.8%", priority_id: null, description: "Vacancy rate" },
        }),
      ),
    ).toBe("Assurance Hub (demo data) added the figure “7.8%” to “Where are we now”");
  });
});

describe("describeAuditEntry: the strategy", () => {
  const strategy = (overrides: Partial<AuditSummaryInput>) =>
    entry({ entityType: "strategy", entityId: STRATEGY, names: { [STRATEGY]: "Our local strategy" }, ...overrides });

  it("says who started a strategy, and what it was copied from", () => {
    expect(describeAuditEntry(strategy({ action: "created", details: { title: "Our local strategy", copied_from_id: null } }))).toBe(
      "Fatima Khan started the strategy “Our local strategy”",
    );
    expect(
      describeAuditEntry(
        strategy({
          action: "created",
          details: { title: "Our local strategy", copied_from_id: OTHER_PRIORITY },
          names: { [OTHER_PRIORITY]: "Vision for a future workforce strategy" },
        }),
      ),
    ).toBe("Fatima Khan started the strategy “Our local strategy” as a copy of “Vision for a future workforce strategy”");
  });

  it("uses the words of a strategy's status and visibility", () => {
    expect(describeAuditEntry(strategy({ details: { changes: { status: { from: "draft", to: "consultation" } } } }))).toBe(
      "Fatima Khan changed the status of the strategy “Our local strategy” from Draft to In consultation",
    );
    expect(describeAuditEntry(strategy({ details: { changes: { visibility: { from: "private", to: "public" } } } }))).toBe(
      "Fatima Khan changed the visibility of the strategy “Our local strategy” from private to public",
    );
  });
});

describe("describeAuditEntry: members and invitations", () => {
  it("says who invited whom, with which roles", () => {
    expect(
      describeAuditEntry(
        entry({
          entityType: "invitation",
          entityId: INVITATION,
          action: "created",
          details: { email: "ali@example.org", roles: ["evaluator"], organisation_id: null },
        }),
      ),
    ).toBe("Fatima Khan invited ali@example.org as Evaluator");
    expect(
      describeAuditEntry(
        entry({
          entityType: "invitation",
          entityId: INVITATION,
          action: "created",
          details: { email: "jo@example.org", roles: ["partner", "signatory"], organisation_id: SKILLS_FOR_CARE },
          names: { [SKILLS_FOR_CARE]: "Skills for Care" },
        }),
      ),
    ).toBe("Fatima Khan invited jo@example.org as Sector partner and Signatory for Skills for Care");
  });

  it("says an invitation was accepted or withdrawn", () => {
    expect(
      describeAuditEntry(
        entry({ actorId: SAM, actorName: "Sam", entityType: "invitation", entityId: INVITATION, action: "accepted", details: { changes: {} } }),
      ),
    ).toBe("Sam accepted the invitation to join the strategy");
    expect(
      describeAuditEntry(
        entry({ entityType: "invitation", entityId: INVITATION, action: "revoked", names: { [INVITATION]: "ali@example.org" } }),
      ),
    ).toBe("Fatima Khan withdrew the invitation for ali@example.org");
  });

  it("says who gave whom a role, and who took one for themselves", () => {
    const role = (overrides: Partial<AuditSummaryInput>) =>
      entry({ entityType: "member_role", entityId: SAM, action: "created", names: { [SAM]: "Sam" }, ...overrides });
    expect(describeAuditEntry(role({ details: { role: "lived_experience", granted_by: FATIMA } }))).toBe(
      "Fatima Khan gave Sam the role Person with lived experience",
    );
    expect(describeAuditEntry(role({ actorId: SAM, actorName: "Sam", details: { role: "evaluator", granted_by: FATIMA } }))).toBe(
      "Sam joined with the role Evaluator",
    );
    expect(describeAuditEntry(role({ actorId: SAM, actorName: "Sam", details: { role: "facilitator", granted_by: SAM } }))).toBe(
      "Sam took the role Facilitator",
    );
    expect(describeAuditEntry(role({ action: "deleted", details: { role: "worker" } }))).toBe(
      "Fatima Khan removed the role Person who works in social care from Sam",
    );
  });

  it("calls a person the reader may not see “a member”", () => {
    expect(describeAuditEntry(entry({ entityType: "member", entityId: SAM, action: "created", details: { user_id: SAM } }))).toBe(
      "Fatima Khan added a member to the strategy",
    );
    expect(describeAuditEntry(entry({ actorId: SAM, actorName: "Someone", entityType: "member", entityId: SAM, action: "deleted" }))).toBe(
      "Someone left the strategy",
    );
  });
});

describe("describeAuditEntry: statements", () => {
  const title = "I can get help when I need it";
  const statement = (overrides: Partial<AuditSummaryInput>) =>
    entry({ actorId: AMIRA, actorName: "Amira Khan", entityType: "statement", entityId: STATEMENT, names: { [STATEMENT]: title }, ...overrides });

  it("says which kind of statement was added", () => {
    expect(describeAuditEntry(statement({ action: "created", details: { kind: "i", title, status: "draft" } }))).toBe(
      `Amira Khan added the “I” statement “${title}”`,
    );
    expect(
      describeAuditEntry(statement({ action: "created", details: { kind: "we", title: "We answer the phone within a day" } })),
    ).toBe("Amira Khan added the “we” statement “We answer the phone within a day”");
  });

  it("says how much of the text someone wrote", () => {
    expect(describeAuditEntry(statement({ action: "edited", details: { chars_added: 120, chars_removed: 4, content_version: 7 } }))).toBe(
      `Amira Khan edited the text of “${title}” (+120 characters, −4)`,
    );
    expect(describeAuditEntry(statement({ action: "edited", details: { chars_added: 1, chars_removed: 0 } }))).toBe(
      `Amira Khan edited the text of “${title}” (+1 character)`,
    );
    expect(describeAuditEntry(statement({ action: "edited", details: { chars_added: 0, chars_removed: 4 } }))).toBe(
      `Amira Khan edited the text of “${title}” (−4 characters)`,
    );
    expect(describeAuditEntry(statement({ action: "edited", details: {} }))).toBe(`Amira Khan edited the text of “${title}”`);
    expect(describeAuditEntry(statement({ action: "edited", details: { first_draft: true, chars_added: 58 } }))).toBe(
      `Amira Khan wrote the first draft of “${title}” (+58 characters)`,
    );
  });

  it("shortens a long title", () => {
    const long = `I can ${"get the right help at the right time from people who know me ".repeat(3)}`;
    const sentence = describeAuditEntry(statement({ action: "edited", details: { chars_added: 3 }, names: { [STATEMENT]: long } }));
    expect(sentence).toMatch(/^Amira Khan edited the text of “I can get the right help .* …” \(\+3 characters\)$/);
  });

  it("puts a change of status in words", () => {
    expect(describeAuditEntry(statement({ details: { changes: { status: { from: "draft", to: "in_review" } } } }))).toBe(
      `Amira Khan moved the statement “${title}” from Draft to In review`,
    );
    expect(
      describeAuditEntry(statement({ actorName: "Fatima Khan", actorId: FATIMA, details: { changes: { status: { from: "in_review", to: "agreed" } } } })),
    ).toBe(`Fatima Khan moved the statement “${title}” from In review to Agreed`);
  });

  it("says a statement went back into review by itself when its agreed text changed", () => {
    expect(
      describeAuditEntry(
        statement({ actorId: null, actorName: SYSTEM_ACTOR_NAME, details: { changes: { status: { from: "agreed", to: "in_review" } } } }),
      ),
    ).toBe(`The statement “${title}” went back to In review from Agreed because its text changed`);
  });

  it("says a statement was renamed, archived and restored", () => {
    expect(describeAuditEntry(statement({ details: { changes: { title: { from: "I can get help", to: title } } } }))).toBe(
      `Amira Khan renamed the statement “I can get help” to “${title}”`,
    );
    expect(describeAuditEntry(statement({ action: "archived", details: { changes: { archived_at: { from: null, to: "2026-11-29T10:00:00+00:00" } } } }))).toBe(
      `Amira Khan archived the statement “${title}”`,
    );
    expect(describeAuditEntry(statement({ action: "restored", details: { changes: { archived_at: { from: "2026-11-29T10:00:00+00:00", to: null } } } }))).toBe(
      `Amira Khan restored the statement “${title}”`,
    );
  });

  it("says an earlier text was restored", () => {
    expect(describeAuditEntry(statement({ action: "restored", details: { content_version: 9 } }))).toBe(
      `Amira Khan restored an earlier version of the text of “${title}”`,
    );
    expect(describeAuditEntry(statement({ action: "restored", details: { content_version: 9, version_number: 2 } }))).toBe(
      `Amira Khan restored the text of version 2 of “${title}”`,
    );
  });

  it("names the theme, the kind and the easy-read summary", () => {
    expect(describeAuditEntry(statement({ details: { changes: { theme: { from: "workforce", to: "information_advice" } } } }))).toBe(
      `Amira Khan changed the theme of the statement “${title}” from Workforce to Information and advice`,
    );
    expect(describeAuditEntry(statement({ details: { changes: { kind: { from: "i", to: "we" } } } }))).toBe(
      `Amira Khan changed the kind of the statement “${title}” from an “I” statement to a “we” statement`,
    );
    expect(describeAuditEntry(statement({ details: { changes: { easy_read: { from: "", to: "I get help." } } } }))).toBe(
      `Amira Khan added an easy-read summary to the statement “${title}”`,
    );
    expect(describeAuditEntry(statement({ details: { changes: { easy_read: { from: "I get help.", to: "I get help fast." } } } }))).toBe(
      `Amira Khan changed the easy-read summary of the statement “${title}”`,
    );
    expect(describeAuditEntry(statement({ details: { changes: { easy_read: { from: "I get help.", to: "" } } } }))).toBe(
      `Amira Khan removed the easy-read summary of the statement “${title}”`,
    );
    expect(
      describeAuditEntry(
        statement({ details: { changes: { title: { from: "I get help", to: title }, theme: { from: "workforce", to: "wellbeing_independence" } } } }),
      ),
    ).toBe(`Amira Khan made changes to the statement “I get help”: changed the title to “${title}” and changed the theme from Workforce to Wellbeing and independence`);
  });

  it("says what a statement was linked to, and unlinked from", () => {
    const link = (overrides: Partial<AuditSummaryInput>) =>
      statement({ entityType: "statement_link", entityId: WE_STATEMENT, action: "created", ...overrides });
    const names = {
      [WE_STATEMENT]: "We answer the phone within a day",
      [STATEMENT]: title,
      [PRIORITY]: "Pay and conditions",
      [COMMITMENT]: commitmentText,
    };
    expect(describeAuditEntry(link({ names, details: { target_kind: "priority", priority_id: PRIORITY } }))).toBe(
      "Amira Khan linked the statement “We answer the phone within a day” to the priority “Pay and conditions”",
    );
    expect(describeAuditEntry(link({ names, details: { target_kind: "commitment", commitment_id: COMMITMENT } }))).toBe(
      `Amira Khan linked the statement “We answer the phone within a day” to the commitment “${commitmentText}”`,
    );
    expect(describeAuditEntry(link({ names, details: { target_kind: "i_statement", i_statement_id: STATEMENT } }))).toBe(
      `Amira Khan linked the statement “We answer the phone within a day” to the “I” statement “${title}”`,
    );
    expect(describeAuditEntry(link({ names, action: "deleted", details: { target_kind: "priority", priority_id: PRIORITY } }))).toBe(
      "Amira Khan unlinked the statement “We answer the phone within a day” from the priority “Pay and conditions”",
    );
    expect(describeAuditEntry(link({ names: {}, details: { target_kind: "priority", priority_id: PRIORITY } }))).toBe(
      "Amira Khan linked a statement to a priority",
    );
  });

  it("says which version was saved, and which was restored as which", () => {
    const version = (details: Record<string, unknown>, names: Record<string, string> = { [STATEMENT]: title }) =>
      describeAuditEntry(statement({ entityType: "statement_version", action: "created", details, names }));
    expect(version({ number: 3, name: "Before the workshop", restored_from_id: null })).toBe(
      `Amira Khan saved version 3, “Before the workshop”, of the statement “${title}”`,
    );
    expect(version({ number: 5, name: "Restored from version 2", restored_from_id: VERSION_2 }, { [STATEMENT]: title, [VERSION_2]: "2" })).toBe(
      `Amira Khan restored version 2 as version 5 of the statement “${title}”`,
    );
    expect(version({ number: 5, name: "Restored from version 2", restored_from_id: VERSION_2 })).toBe(
      `Amira Khan restored an earlier version as version 5 of the statement “${title}”`,
    );
  });

  it("says who commented, replied and resolved or reopened a thread", () => {
    const comment = (action: AuditSummaryInput["action"], details: Record<string, unknown> = {}) =>
      describeAuditEntry(statement({ entityType: "statement_comment", action, details }));
    expect(comment("created", { body: "Who decides what help I get?", parent_id: null })).toBe(
      `Amira Khan commented on the statement “${title}”: “Who decides what help I get?”`,
    );
    expect(comment("created", { body: "The council does.", parent_id: "eeeeeeee-5555-4eee-8eee-eeeeeeeeeeee" })).toBe(
      `Amira Khan replied to a comment on the statement “${title}”: “The council does.”`,
    );
    expect(comment("resolved", { changes: { resolved_at: { from: null, to: "2026-11-29T10:00:00+00:00" } } })).toBe(
      `Amira Khan resolved a thread on the statement “${title}”`,
    );
    expect(comment("reopened", { changes: { resolved_at: { from: "2026-11-29T10:00:00+00:00", to: null } } })).toBe(
      `Amira Khan reopened a thread on the statement “${title}”`,
    );
  });

  it("says who endorsed a statement, and who withdrew an endorsement", () => {
    const endorsement = (action: AuditSummaryInput["action"], userId: string) =>
      describeAuditEntry(statement({ entityType: "statement_endorsement", action, details: { user_id: userId, content_hash: "abc" } }));
    expect(endorsement("created", AMIRA)).toBe(`Amira Khan endorsed the statement “${title}”`);
    expect(endorsement("deleted", AMIRA)).toBe(`Amira Khan withdrew their endorsement of the statement “${title}”`);
    expect(endorsement("deleted", SAM)).toBe(`Amira Khan withdrew an endorsement of the statement “${title}”`);
  });

  it("calls a statement the reader may not see “a statement”", () => {
    expect(describeAuditEntry(statement({ entityType: "statement_endorsement", action: "created", names: {} }))).toBe(
      "Amira Khan endorsed a statement",
    );
    expect(describeAuditEntry(statement({ action: "edited", names: {}, details: { chars_added: 2 } }))).toBe(
      "Amira Khan edited the text of a statement (+2 characters)",
    );
  });

  it("says when a strategy starts or stops asking for a person with lived experience before agreement", () => {
    const strategy = (to: boolean) =>
      describeAuditEntry(
        entry({
          entityType: "strategy",
          entityId: STRATEGY,
          names: { [STRATEGY]: "Our local strategy" },
          details: { changes: { require_lived_experience_to_agree: { from: !to, to } } },
        }),
      );
    expect(strategy(true)).toBe(
      "Fatima Khan asked that a person with lived experience helps write and endorses each statement of the strategy “Our local strategy” before it is agreed",
    );
    expect(strategy(false)).toBe(
      "Fatima Khan stopped asking that a person with lived experience helps write and endorses each statement of the strategy “Our local strategy” before it is agreed",
    );
  });
});

describe("describeAuditEntry: sign-off and publication", () => {
  const ADASS = "eeeeeeee-5555-4eee-8eee-eeeeeeeeeeee";
  const DEFAULT_ROW = "ffffffff-6666-4fff-8fff-ffffffffffff";
  const PUBLICATION = "abababab-7777-4aba-8aba-abababababab";
  const named = { [COMMITMENT]: commitmentText, [ADASS]: "ADASS", [SKILLS_FOR_CARE]: "Skills for Care", [PRIORITY]: "Pay and conditions" };
  const signOff = (overrides: Partial<AuditSummaryInput>) =>
    entry({ action: "created", names: named, ...overrides, details: { commitment_id: COMMITMENT, ...overrides.details } });

  it("says which organisations are asked by default, for a priority or the whole strategy, and when that stops", () => {
    const defaults = (action: "created" | "deleted", priority: string | null) =>
      describeAuditEntry(
        entry({ entityType: "sign_off_default", entityId: DEFAULT_ROW, action, names: named, details: { organisation_id: ADASS, priority_id: priority } }),
      );
    expect(defaults("created", PRIORITY)).toBe("Fatima Khan asked ADASS by default to sign off new commitments of the priority “Pay and conditions”");
    expect(defaults("created", null)).toBe("Fatima Khan asked ADASS by default to sign off new commitments of the whole strategy");
    expect(defaults("deleted", null)).toBe("Fatima Khan stopped asking ADASS by default to sign off new commitments of the whole strategy");
  });

  it("says which organisation was asked to sign off a commitment, and when it no longer is", () => {
    const organisation = (action: "created" | "deleted") =>
      describeAuditEntry(signOff({ entityType: "sign_off_organisation", action, details: { organisation_id: ADASS } }));
    expect(organisation("created")).toBe(`Fatima Khan asked ADASS to sign off the commitment “${commitmentText}”`);
    expect(organisation("deleted")).toBe(`Fatima Khan stopped asking ADASS to sign off the commitment “${commitmentText}”`);
  });

  it("says who asked for sign-off of which revision, and that the database asked again after a change", () => {
    expect(
      describeAuditEntry(signOff({ entityType: "sign_off_request", details: { organisation_id: ADASS, revision: 2, asked_again: false } })),
    ).toBe(`Fatima Khan asked ADASS to sign off revision 2 of “${commitmentText}”`);
    expect(
      describeAuditEntry(signOff({ entityType: "sign_off_request", details: { organisation_id: ADASS, revision: 3, asked_again: true } })),
    ).toBe(`ADASS was asked again to sign off revision 3 of “${commitmentText}”, because it changed`);
  });

  it("puts each decision in the organisation's name, with who signed it and the revision, conditions or reason", () => {
    const decision = (details: Record<string, unknown>) =>
      describeAuditEntry(
        signOff({ entityType: "sign_off_decision", actorName: "Someone", details: { signed_by_name: "A. Person", revision: 2, ...details } }),
      );
    expect(decision({ organisation_id: SKILLS_FOR_CARE, decision: "objected", reason: "The date cannot be met." })).toBe(
      `Skills for Care (signed by A. Person) objected to revision 2 of “${commitmentText}”: “The date cannot be met.”`,
    );
    expect(decision({ organisation_id: ADASS, decision: "endorsed", revision: 3 })).toBe(
      `ADASS (signed by A. Person) endorsed revision 3 of “${commitmentText}”`,
    );
    expect(decision({ organisation_id: ADASS, decision: "endorsed_with_conditions", revision: 3, conditions: "Funding is agreed first." })).toBe(
      `ADASS (signed by A. Person) endorsed revision 3 of “${commitmentText}” with conditions: “Funding is agreed first.”`,
    );
  });

  it("reads well for a visitor who may see neither the organisation nor the commitment", () => {
    expect(
      describeAuditEntry(
        entry({
          entityType: "sign_off_decision",
          action: "created",
          actorName: "Someone",
          details: { organisation_id: ADASS, decision: "endorsed", revision: 1, signed_by_name: "" },
        }),
      ),
    ).toBe("An organisation (signed by Someone) endorsed revision 1 of a commitment");
    expect(
      describeAuditEntry(entry({ entityType: "sign_off_organisation", action: "created", actorName: "Someone", details: { organisation_id: ADASS } })),
    ).toBe("Someone asked an organisation to sign off a commitment");
  });

  it("says a version was published, and with how many commitments agreed and why when not all were", () => {
    const publication = (details: Record<string, unknown>) =>
      describeAuditEntry(entry({ entityType: "publication", entityId: PUBLICATION, action: "created", details }));
    expect(publication({ number: 2, all_agreed: true, commitments_total: 5, commitments_agreed: 5, override_reason: null })).toBe(
      "Fatima Khan published version 2 of the strategy",
    );
    expect(
      publication({ number: 2, all_agreed: false, commitments_total: 5, commitments_agreed: 3, override_reason: "The consultation closes this week." }),
    ).toBe("Fatima Khan published version 2 with 3 of 5 commitments agreed, because: “The consultation closes this week.”");
  });

  it("names the new revision after a change of wording, and does not list the revision as a change of its own", () => {
    expect(
      describeAuditEntry(
        entry({
          details: { changes: { text: { from: "We will pay the living wage.", to: "We will pay the real living wage." }, revision: { from: 3, to: 4 } } },
        }),
      ),
    ).toBe("Fatima Khan changed the wording of the commitment “We will pay the living wage.” to “We will pay the real living wage.” (now revision 4)");
    expect(
      describeAuditEntry(
        entry({
          details: {
            changes: { due_date: { from: "2027-12-31", to: "2028-03-31" }, status: { from: "agreed", to: "proposed" }, revision: { from: 1, to: 2 } },
          },
          names: { [COMMITMENT]: commitmentText },
        }),
      ),
    ).toBe(
      `Fatima Khan made changes to the commitment “${commitmentText}”: changed the due date from 31 December 2027 to 31 March 2028 ` +
        "and changed the status from Agreed to Proposed (now revision 2)",
    );
  });
});

describe("describeAuditEntry: assurance measures", () => {
  const MEASURE = "eeeeeeee-5555-4eee-8eee-eeeeeeeeeeee";
  const ALEX = "ffffffff-6666-4fff-8fff-ffffffffffff";
  const measure = (overrides: Partial<AuditSummaryInput>) =>
    entry({ actorId: ALEX, actorName: "Alex Morgan", entityType: "measure", entityId: MEASURE, names: { [MEASURE]: "Vacancy rate" }, ...overrides });

  it("says a measure was defined, by its name", () => {
    expect(
      describeAuditEntry(measure({ action: "created", details: { name: "Vacancy rate", unit: "percentage", target_value: 5 }, names: {} })),
    ).toBe("Alex Morgan defined the measure “Vacancy rate”");
  });

  it("names the numbers and dates of a changed target", () => {
    expect(describeAuditEntry(measure({ details: { changes: { target_value: { from: 5, to: 4.5 } } } }))).toBe(
      "Alex Morgan changed the target of the measure “Vacancy rate” from 5 to 4.5",
    );
    expect(describeAuditEntry(measure({ details: { changes: { target_date: { from: "2028-03-31", to: "2029-03-31" } } } }))).toBe(
      "Alex Morgan changed the target date of the measure “Vacancy rate” from 31 March 2028 to 31 March 2029",
    );
    expect(describeAuditEntry(measure({ details: { changes: { baseline_value: { from: 112000, to: 112500 } } } }))).toBe(
      "Alex Morgan changed the baseline of the measure “Vacancy rate” from 112,000 to 112,500",
    );
  });

  it("uses the labels of units, directions, frequencies, data sources and RAG methods", () => {
    expect(
      describeAuditEntry(
        measure({
          details: {
            changes: {
              direction: { from: "higher_is_better", to: "lower_is_better" },
              frequency: { from: "annual", to: "quarterly" },
              rag_method: { from: "trajectory", to: "thresholds" },
              on_track_threshold: { from: null, to: 6 },
              off_track_threshold: { from: null, to: 8 },
              tolerance: { from: 0.5, to: null },
            },
          },
        }),
      ),
    ).toBe(
      "Alex Morgan made changes to the measure “Vacancy rate”: changed which direction is better from higher is better to lower is better, " +
        "changed how often it is reported from once a year to quarterly, set the off-track threshold to 8, set the on-track threshold to 6, " +
        "changed how its status is worked out from against the straight-line path from baseline to target to against two thresholds " +
        "and removed the tolerance",
    );
  });

  it("says when a target is marked as an example, or no longer one", () => {
    expect(describeAuditEntry(measure({ details: { changes: { target_is_example: { from: false, to: true } } } }))).toBe(
      "Alex Morgan marked the target of the measure “Vacancy rate” as an example",
    );
    expect(describeAuditEntry(measure({ details: { changes: { target_is_example: { from: true, to: false } } } }))).toBe(
      "Alex Morgan marked the target of the measure “Vacancy rate” as agreed, no longer an example",
    );
  });

  it("says a measure was renamed, archived or restored", () => {
    expect(describeAuditEntry(measure({ details: { changes: { name: { from: "Vacancies", to: "Vacancy rate" } } } }))).toBe(
      "Alex Morgan renamed the measure “Vacancies” to “Vacancy rate”",
    );
    expect(describeAuditEntry(measure({ action: "archived", details: { changes: { archived_at: { from: null, to: "2026-11-29T10:00:00Z" } } } }))).toBe(
      "Alex Morgan archived the measure “Vacancy rate”",
    );
    expect(describeAuditEntry(measure({ action: "restored", details: { changes: { archived_at: { from: "2026-11-29T10:00:00Z", to: null } } } }))).toBe(
      "Alex Morgan restored the measure “Vacancy rate”",
    );
  });

  it("says a measure was linked to a commitment or a priority, and unlinked", () => {
    const names = { [MEASURE]: "Vacancy rate", [COMMITMENT]: commitmentText, [PRIORITY]: "Pay and conditions" };
    expect(
      describeAuditEntry(measure({ entityType: "measure_link", action: "created", details: { measure_id: MEASURE, commitment_id: COMMITMENT, priority_id: null }, names })),
    ).toBe(`Alex Morgan linked the measure “Vacancy rate” to the commitment “${commitmentText}”`);
    expect(
      describeAuditEntry(measure({ entityType: "measure_link", action: "deleted", details: { measure_id: MEASURE, commitment_id: null, priority_id: PRIORITY }, names })),
    ).toBe("Alex Morgan unlinked the measure “Vacancy rate” from the priority “Pay and conditions”");
  });

  it("names nothing the reader may not see", () => {
    expect(
      describeAuditEntry(measure({ entityType: "measure_link", action: "created", details: { commitment_id: COMMITMENT }, names: {} })),
    ).toBe("Alex Morgan linked a measure to a commitment");
    expect(describeAuditEntry(measure({ details: { changes: { tolerance: { from: 0.5, to: 1 } } }, names: {} }))).toBe(
      "Alex Morgan changed the tolerance of a measure from 0.5 to 1",
    );
  });
});

describe("describeAuditEntry: evidence", () => {
  const EVIDENCE = "eeeeeeee-5555-4eee-8eee-eeeeeeeeeeee";
  const VACANCY = "ffffffff-6666-4fff-8fff-ffffffffffff";
  const evidence = (overrides: Partial<AuditSummaryInput>) =>
    entry({ actorName: "Walter Worker", entityType: "evidence", entityId: EVIDENCE, ...overrides });
  const names = { [VACANCY]: "Vacancy rate", [`unit:${VACANCY}`]: "percentage", [EVIDENCE]: "Care at home", [PRIORITY]: "Pay and conditions" };

  it("says a data point's value in its measure's unit, with its period", () => {
    const details = { kind: "data_point", measure_id: VACANCY, value: 7.1, period_end: "2026-03-31", title: "Vacancy rate 2026" };
    expect(describeAuditEntry(evidence({ action: "created", details, names }))).toBe(
      "Walter Worker submitted a data point for “Vacancy rate”: 7.1% for the period ending 31 March 2026",
    );
    expect(describeAuditEntry(evidence({ action: "created", details: { ...details, import_batch_id: EVIDENCE }, names }))).toBe(
      "Walter Worker imported a data point for “Vacancy rate”: 7.1% for the period ending 31 March 2026",
    );
  });

  it("says a milestone's judgement, and a value without a unit when the reader cannot see the measure", () => {
    expect(
      describeAuditEntry(
        evidence({ action: "created", details: { kind: "data_point", measure_id: VACANCY, judgement: "at_risk", value: null, period_end: "2026-03-31" }, names }),
      ),
    ).toBe("Walter Worker submitted a data point for “Vacancy rate”: at risk for the period ending 31 March 2026");
    expect(
      describeAuditEntry(evidence({ action: "created", details: { kind: "data_point", measure_id: VACANCY, value: 7.1, period_end: "2026-03-31" }, names: {} })),
    ).toBe("Walter Worker submitted a data point for a measure: 7.1 for the period ending 31 March 2026");
  });

  it("names a story, a document or feedback by its title and what it is for", () => {
    expect(
      describeAuditEntry(evidence({ action: "created", details: { kind: "story", priority_id: PRIORITY, title: "Care at home" }, names })),
    ).toBe("Walter Worker submitted a story of lived experience “Care at home” for the priority “Pay and conditions”");
    expect(
      describeAuditEntry(evidence({ action: "created", details: { kind: "document", commitment_id: COMMITMENT, title: "Minutes" }, names: {} })),
    ).toBe("Walter Worker submitted a document “Minutes” for a commitment");
  });

  it("says each review, with the note the submitter reads", () => {
    const review = (to: string, note: string | null) =>
      describeAuditEntry(
        evidence({
          actorName: "Eve Evaluator",
          details: { changes: { status: { from: "submitted", to }, review_note: { from: null, to: note }, reviewed_at: { from: null, to: "2026-06-01T10:00:00Z" } } },
          names,
        }),
      );
    expect(review("verified", null)).toBe("Eve Evaluator verified the evidence “Care at home”");
    expect(review("returned", "When was this said?")).toBe(
      "Eve Evaluator returned the evidence “Care at home” for more information: “When was this said?”",
    );
    expect(review("rejected", "This is about another area.")).toBe("Eve Evaluator rejected the evidence “Care at home”: “This is about another area.”");
  });

  it("says a returned item was answered and sent back, by its new title when it changed", () => {
    expect(
      describeAuditEntry(
        evidence({ details: { changes: { status: { from: "returned", to: "submitted" }, title: { from: "Care at home", to: "Care at home, May 2026" } } }, names }),
      ),
    ).toBe("Walter Worker answered the return of the evidence “Care at home, May 2026” and sent it back for review");
    expect(describeAuditEntry(evidence({ details: { changes: { status: { from: "returned", to: "submitted" } } }, names: {} }))).toBe(
      "Walter Worker answered the return of a piece of evidence and sent it back for review",
    );
  });
});

describe("quote and joinWithAnd", () => {
  it("quote keeps short text whole and tidies white space", () => {
    expect(quote("  Pay   and conditions ")).toBe("“Pay and conditions”");
  });
  it("joinWithAnd joins lists the way a sentence does", () => {
    expect(joinWithAnd([])).toBe("");
    expect(joinWithAnd(["a"])).toBe("a");
    expect(joinWithAnd(["a", "b"])).toBe("a and b");
    expect(joinWithAnd(["a", "b", "c"])).toBe("a, b and c");
  });
});
