import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { commitmentDetails, commitmentSchema, dateParts, isRealDate } from "./commitment-form";

const ORG = "3f2b8c1e-0a4d-4c5e-9f6a-1b2c3d4e5f60";
const PRIORITY = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

function submit(entries: [string, string][], options: { priorityIds?: string[] } = {}) {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return parseWithZod(formData, { schema: commitmentSchema({ organisationIds: [ORG], ...options }) });
}

/** The field errors of a submission, or undefined when it is valid. */
function errors(entries: [string, string][], options: { priorityIds?: string[] } = {}) {
  const submission = submit(entries, options);
  return submission.status === "success" ? undefined : submission.error;
}

const valid: [string, string][] = [
  ["text", "We will publish a plan for rural recruitment."],
  ["responsibleParties", "employers"],
  ["status", "draft"],
];

describe("the commitment form", () => {
  it("accepts a commitment with only what is required, leaving the optional fields empty", () => {
    const submission = submit([...valid, ["leadOrganisationId", ""], ["dueDate.day", ""], ["dueDate.month", ""], ["dueDate.year", ""]]);
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({
      text: "We will publish a plan for rural recruitment.",
      responsibleParties: ["employers"],
      status: "draft",
    });
  });

  it("asks for the commitment, who is responsible and a status, each next to its field", () => {
    expect(errors([["text", "   "]])).toEqual({
      text: ["Enter the commitment"],
      responsibleParties: ["Select who is responsible"],
      status: ["Select the status of the commitment"],
    });
  });

  it("needs 10 to 1,000 characters of commitment", () => {
    expect(errors([...valid.slice(1), ["text", "We will."]])?.text).toEqual(["The commitment must be 10 characters or more"]);
    expect(errors([...valid.slice(1), ["text", `We will ${"a".repeat(1000)}`]])?.text).toEqual([
      "The commitment must be 1,000 characters or fewer",
    ]);
  });

  it("keeps several responsible parties, once each and in the list's order, and refuses ones not on the list", () => {
    const several = submit([
      ["text", "We will publish a plan for rural recruitment."],
      ["status", "draft"],
      ["responsibleParties", "regulators"],
      ["responsibleParties", "employers"],
      ["responsibleParties", "regulators"],
    ]);
    expect(several.status === "success" && several.value.responsibleParties).toEqual(["employers", "regulators"]);
    expect(errors([...valid, ["responsibleParties", "the_moon"]])?.responsibleParties).toEqual([
      "Select who is responsible from the list",
    ]);
  });

  it("refuses a due date that does not exist, and a lead organisation or priority not offered", () => {
    const found = errors(
      [...valid, ["dueDate.day", "30"], ["dueDate.month", "2"], ["dueDate.year", "2027"], ["leadOrganisationId", PRIORITY], ["priorityId", ORG]],
      { priorityIds: [PRIORITY] },
    );
    expect(found).toEqual({
      dueDate: ["The due date must be a real date, for example 31 3 2028"],
      leadOrganisationId: ["Select a lead organisation from the list"],
      priorityId: ["Select a priority from the list"],
    });
  });
});

describe("a commitment's details from the form", () => {
  it("stores an empty lead organisation and due date as null, and leaves the priority to the route", () => {
    const submission = submit([...valid, ["leadOrganisationId", ""], ["dueDate.day", ""], ["priorityId", PRIORITY]]);
    expect(submission.status === "success" && commitmentDetails(submission.value)).toEqual({
      text: "We will publish a plan for rural recruitment.",
      responsibleParties: ["employers"],
      leadOrganisationId: null,
      dueDate: null,
      status: "draft",
    });
  });
});

describe("the due date's day, month and year", () => {
  const due = (day: string, month: string, year: string) =>
    submit([...valid, ["dueDate.day", day], ["dueDate.month", month], ["dueDate.year", year]]);

  it("make one calendar date, and the stored date comes back as the same three parts", () => {
    const submission = due("31", "3", "2028");
    expect(submission.status === "success" && commitmentDetails(submission.value).dueDate).toBe("2028-03-31");
    expect(dateParts("2028-03-31")).toEqual({ day: "31", month: "3", year: "2028" });
    expect(dateParts(null)).toBeUndefined();
  });

  it("say which part is missing", () => {
    expect(errors([...valid, ["dueDate.day", "31"]])?.dueDate).toEqual(["The due date must include a month and year"]);
    expect(errors([...valid, ["dueDate.month", "3"], ["dueDate.year", "2028"]])?.dueDate).toEqual([
      "The due date must include a day",
    ]);
  });

  it("refuse words and two-digit years", () => {
    expect(due("first", "3", "2028").status).toBe("error");
    expect(due("31", "3", "28").status).toBe("error");
  });
});

describe("a real date", () => {
  it("is a day that exists, written as a date input sends it", () => {
    expect(isRealDate("2028-02-29")).toBe(true);
    expect(isRealDate("2027-02-29")).toBe(false);
    expect(isRealDate("2027-13-01")).toBe(false);
    expect(isRealDate("31/03/2027")).toBe(false);
    expect(isRealDate("2027-3-1")).toBe(false);
  });
});
