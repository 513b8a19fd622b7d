import { describe, expect, it } from "vitest";
import type { PresenceUser } from "~/domain/presence";
import { announcementFor } from "./presence";

const person = (name: string, roleLabel: string): PresenceUser => ({ id: name, name, roleLabel, roleGroup: "other", color: "#505a5f" });
const amira = person("Amira", "person with lived experience");
const dev = person("Dev", "sector partner");
const priya = person("Priya", "works in social care");

describe("announcementFor", () => {
  it("says who joined and who left in one polite sentence each", () => {
    expect(announcementFor([{ user: amira, kind: "joined" }], { arriving: false })).toBe("Amira (person with lived experience) joined.");
    expect(
      announcementFor(
        [
          { user: amira, kind: "joined" },
          { user: priya, kind: "joined" },
          { user: dev, kind: "left" },
        ],
        { arriving: false },
      ),
    ).toBe("Amira (person with lived experience) and Priya (works in social care) joined. Dev (sector partner) left.");
  });

  it("says who is already here when the person arrives", () => {
    expect(announcementFor([{ user: dev, kind: "joined" }], { arriving: true })).toBe("Dev (sector partner) is here.");
    expect(announcementFor([{ user: dev, kind: "joined" }, { user: amira, kind: "joined" }], { arriving: true })).toBe(
      "Dev (sector partner) and Amira (person with lived experience) are here.",
    );
  });

  it("keeps a crowd short", () => {
    const crowd = ["A", "B", "C", "D", "E"].map((n) => ({ user: person(n, "observer"), kind: "joined" as const }));
    expect(announcementFor(crowd, { arriving: false })).toBe("A (observer), B (observer) and 3 others joined.");
  });
});
