import { describe, expect, it } from "vitest";
import { compareTexts, countWords, describeComparison } from "./statement-diff";

describe("comparing two texts word by word", () => {
  it("marks what was added and removed, keeping what is shared", () => {
    const comparison = compareTexts("I choose who supports me.", "I choose who supports me at home, and when.");
    expect(comparison.parts).toEqual([
      { kind: "same", text: "I choose who supports me" },
      { kind: "added", text: " at home, and when" },
      { kind: "same", text: "." },
    ]);
    expect(comparison.wordsAdded).toBe(4);
    expect(comparison.wordsRemoved).toBe(0);
    expect(describeComparison(comparison)).toBe("4 words added, none removed.");
  });

  it("counts replaced words on both sides", () => {
    const comparison = compareTexts("I have a say in my care.", "I decide about my own support.");
    expect(comparison.parts.filter((p) => p.kind === "removed").map((p) => p.text).join("|")).toContain("have");
    expect(describeComparison(comparison)).toBe(`${comparison.wordsAdded} words added, ${comparison.wordsRemoved} removed.`);
    expect(comparison.wordsRemoved).toBeGreaterThan(0);
  });

  it("says when the texts are the same, and when only punctuation changed", () => {
    expect(describeComparison(compareTexts("Same words.", "Same words."))).toBe("The two texts are the same.");
    expect(describeComparison(compareTexts("Same words.", "Same words!"))).toBe(
      "No words were added or removed; only punctuation or spacing changed.",
    );
  });

  it("uses the singular for one word, and counts words with apostrophes once", () => {
    expect(describeComparison(compareTexts("", "Hello"))).toBe("1 word added, none removed.");
    expect(describeComparison(compareTexts("people’s choice", ""))).toBe("No words added, 2 removed.");
    expect(countWords("don't stop, people’s 3 choices")).toBe(5);
  });

  it("keeps line breaks between blocks as shared text", () => {
    const comparison = compareTexts("First line\nSecond line", "First line\nSecond line\nThird line");
    expect(comparison.parts.map((p) => p.text).join("")).toBe("First line\nSecond line\nThird line");
    expect(comparison.wordsAdded).toBe(2);
  });
});
