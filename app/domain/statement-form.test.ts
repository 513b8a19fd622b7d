import { describe, expect, it } from "vitest";
import { bodyToText } from "./statement-content";
import { newStatementSchema, plainTextToBody, statementFilterSchema } from "./statement-form";

describe("plainTextToBody", () => {
  it("makes a paragraph of each block of text, keeping single line breaks", () => {
    const body = plainTextToBody("  First line\nsecond line \r\n\r\n\n Second paragraph  ");
    expect(body).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "First line" }, { type: "hardBreak" }, { type: "text", text: "second line" }] },
        { type: "paragraph", content: [{ type: "text", text: "Second paragraph" }] },
      ],
    });
    expect(bodyToText(body)).toBe("First line\nsecond line\nSecond paragraph");
  });

  it("gives empty text the empty document", () => {
    expect(plainTextToBody(" \n\n ")).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
  });
});

describe("newStatementSchema", () => {
  it("names each missing answer in words a person can act on", () => {
    const result = newStatementSchema.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["kind", "Select whether this is an “I” statement or a “we” statement"],
      ["title", "Enter a short title for the statement"],
      ["theme", "Select the Making It Real theme the statement belongs to"],
    ]);
  });

  it("trims the title and first draft", () => {
    expect(newStatementSchema.parse({ kind: "we", title: "  We listen  ", theme: "workforce", firstDraft: " Text " })).toEqual({
      kind: "we",
      title: "We listen",
      theme: "workforce",
      firstDraft: "Text",
    });
  });
});

describe("statementFilterSchema", () => {
  it("reads known filters and ignores anything else", () => {
    expect(statementFilterSchema.parse({ kind: "i", theme: "nonsense", status: "agreed", archived: "yes" })).toEqual({
      kind: "i",
      theme: undefined,
      status: "agreed",
      archived: true,
    });
    expect(statementFilterSchema.parse({}).archived).toBe(false);
  });
});
