import { describe, expect, it } from "vitest";
import { joinAnnouncements, liveAnnouncement, pausedWords, priorityWords } from "./live";

describe("priorityWords", () => {
  it("names one, two or many priorities in order, once each", () => {
    expect(priorityWords([])).toBe("");
    expect(priorityWords([2])).toBe("priority 2");
    expect(priorityWords([3, 1])).toBe("priorities 1 and 3");
    expect(priorityWords([4, 1, 2, 2])).toBe("priorities 1, 2 and 4");
  });
});

describe("liveAnnouncement", () => {
  const evidence = { entityType: "evidence", priorityPositions: [2] };

  it("says when evidence is submitted and when it is verified", () => {
    expect(liveAnnouncement({ ...evidence, action: "created", evidenceKind: "feedback", status: "submitted" })).toBe(
      "New evidence submitted for priority 2",
    );
    expect(liveAnnouncement({ ...evidence, action: "updated", evidenceKind: "story", status: "verified" })).toBe(
      "New evidence verified for priority 2",
    );
  });

  it("calls a data point a figure", () => {
    expect(liveAnnouncement({ ...evidence, action: "created", evidenceKind: "data_point", status: "submitted", priorityPositions: [1] })).toBe(
      "A new figure was submitted for priority 1",
    );
    expect(liveAnnouncement({ ...evidence, action: "updated", evidenceKind: "data_point", status: "verified", priorityPositions: [1] })).toBe(
      "A new figure was recorded for priority 1",
    );
  });

  it("leaves out the priority when the change bears on none", () => {
    expect(liveAnnouncement({ ...evidence, action: "updated", evidenceKind: "document", status: "verified", priorityPositions: [] })).toBe(
      "New evidence verified",
    );
  });

  it("keeps returns, rejections and answers quiet", () => {
    for (const status of ["returned", "rejected", "submitted"]) {
      expect(liveAnnouncement({ ...evidence, action: "updated", evidenceKind: "feedback", status })).toBeNull();
    }
  });

  it("names the organisation that endorsed or objected, which the public directory lists", () => {
    const decision = { entityType: "sign_off_decision", action: "created", priorityPositions: [6], organisationName: "Skills for Care" };
    expect(liveAnnouncement({ ...decision, decision: "objected" })).toBe("Skills for Care objected to a commitment in priority 6");
    expect(liveAnnouncement({ ...decision, decision: "endorsed" })).toBe("Skills for Care endorsed a commitment in priority 6");
    expect(liveAnnouncement({ ...decision, decision: "endorsed_with_conditions" })).toBe(
      "Skills for Care endorsed a commitment in priority 6, with conditions",
    );
  });

  it("says when a commitment is agreed or added, and a statement agreed or published", () => {
    expect(liveAnnouncement({ entityType: "commitment", action: "updated", status: "agreed", priorityPositions: [3] })).toBe(
      "A commitment in priority 3 is now agreed",
    );
    expect(liveAnnouncement({ entityType: "commitment", action: "created", priorityPositions: [3] })).toBe(
      "A commitment was added to priority 3",
    );
    expect(liveAnnouncement({ entityType: "commitment", action: "updated", status: "proposed", priorityPositions: [3] })).toBeNull();
    expect(liveAnnouncement({ entityType: "statement", action: "updated", status: "agreed", priorityPositions: [] })).toBe(
      "A statement was agreed",
    );
    expect(liveAnnouncement({ entityType: "statement", action: "updated", status: "published", priorityPositions: [] })).toBe(
      "A statement was published",
    );
    expect(liveAnnouncement({ entityType: "publication", action: "created", priorityPositions: [] })).toBe(
      "A new version of the strategy was published",
    );
  });

  it("announces nothing about members, invitations, comments or reordering", () => {
    for (const entityType of ["member", "member_role", "invitation", "statement_comment", "sign_off_request", "priority"]) {
      expect(liveAnnouncement({ entityType, action: "created", priorityPositions: [1] })).toBeNull();
    }
  });
});

describe("joinAnnouncements", () => {
  it("says one as it is and several as one message, each sentence once", () => {
    expect(joinAnnouncements([])).toBeNull();
    expect(joinAnnouncements(["New evidence verified for priority 2"])).toBe("New evidence verified for priority 2");
    expect(joinAnnouncements(["New evidence verified for priority 2", "A statement was agreed"])).toBe(
      "2 changes: New evidence verified for priority 2; A statement was agreed",
    );
    expect(joinAnnouncements(["A new figure was recorded for priority 1", "A new figure was recorded for priority 1"])).toBe(
      "2 changes: A new figure was recorded for priority 1",
    );
  });

  it("keeps a long burst short", () => {
    const burst = ["A", "B", "C", "D", "E", "A"].map((x) => `Change ${x}`);
    expect(joinAnnouncements(burst)).toBe("6 changes, including Change A; Change B; Change C");
  });
});

describe("pausedWords", () => {
  it("counts the changes since pausing", () => {
    expect(pausedWords(0)).toBe("Paused: no changes since you paused");
    expect(pausedWords(1)).toBe("Paused: 1 change since you paused");
    expect(pausedWords(5)).toBe("Paused: 5 changes since you paused");
  });
});
