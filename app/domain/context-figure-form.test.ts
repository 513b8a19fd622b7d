import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { contextFigureSchema, isWebLink } from "./context-figure-form";

function submit(entries: [string, string][]) {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return parseWithZod(formData, { schema: contextFigureSchema });
}

/** The field errors of a submission, or undefined when it is valid. */
function errors(entries: [string, string][]) {
  const submission = submit(entries);
  return submission.status === "success" ? undefined : submission.error;
}

const valid: [string, string][] = [
  ["figure", " 7.8% "],
  ["description", "of roles in adult social care were vacant"],
  ["source", "Skills for Care estimates"],
];

describe("the figure form", () => {
  it("accepts a figure without a link, trimmed, leaving the link out", () => {
    const submission = submit([...valid, ["sourceUrl", ""]]);
    expect(submission.status === "success" && submission.value).toEqual({
      figure: "7.8%",
      description: "of roles in adult social care were vacant",
      source: "Skills for Care estimates",
    });
  });

  it("asks for the figure, what it shows and its source, each next to its field", () => {
    expect(errors([["figure", "  "]])).toEqual({
      figure: ["Enter the figure, for example 7.8% or £8.50"],
      description: ["Enter what the figure shows"],
      source: ["Enter where the figure comes from"],
    });
  });

  it("keeps each field within the table's limits", () => {
    expect(
      errors([
        ["figure", "1".repeat(41)],
        ["description", "ab"],
        ["source", "S"],
      ]),
    ).toEqual({
      figure: ["The figure must be 40 characters or fewer"],
      description: ["What it shows must be 3 characters or more"],
      source: ["The source must be 2 characters or more"],
    });
    expect(errors([...valid.slice(0, 1), ["description", "a".repeat(501)], ["source", "s".repeat(301)]])).toEqual({
      description: ["What it shows must be 500 characters or fewer"],
      source: ["The source must be 300 characters or fewer"],
    });
  });

  it("takes a link only when it starts with https:// or http://", () => {
    const link = (sourceUrl: string) => errors([...valid, ["sourceUrl", sourceUrl]])?.sourceUrl;
    expect(link("https://www.skillsforcare.org.uk/adult-social-care-workforce-data")).toBeUndefined();
    expect(link("http://example.org/report.pdf")).toBeUndefined();
    for (const wrong of ["www.skillsforcare.org.uk", "javascript:alert(1)", "ftp://example.org/a", "HTTPS://example.org", "https://"]) {
      expect(link(wrong)).toEqual(["Enter a link that starts with https:// or http://"]);
    }
  });
});

describe("a web link", () => {
  it("is an http or https address with a host and no spaces", () => {
    expect(isWebLink("https://example.org/a?b=c#d")).toBe(true);
    expect(isWebLink("https://example .org")).toBe(false);
    expect(isWebLink("mailto:someone@example.org")).toBe(false);
  });
});
