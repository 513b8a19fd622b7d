import { z } from "zod";
import { STATEMENT_KINDS, STATEMENT_STATUSES, STATEMENT_THEMES } from "./statements";

/** The longest first draft the "new statement" form takes (the editor has its own document limit). */
export const FIRST_DRAFT_MAX = 10_000;

const kind = z.enum(STATEMENT_KINDS, { message: "Select whether this is an “I” statement or a “we” statement" });
const title = z
  .string({ message: "Enter a short title for the statement" })
  .trim()
  .min(3, "The title must be 3 characters or more")
  .max(200, "The title must be 200 characters or fewer");
const theme = z.enum(STATEMENT_THEMES, { message: "Select the Making It Real theme the statement belongs to" });

/** The fields of "edit the details": what kind of statement, its title and theme. */
export const statementDetailsSchema = z.object({ kind, title, theme });

/** "Create a statement": the details and, optionally, a first draft of the text in plain words. */
export const newStatementSchema = statementDetailsSchema.extend({
  firstDraft: z
    .string()
    .trim()
    .max(FIRST_DRAFT_MAX, `The first draft must be ${FIRST_DRAFT_MAX.toLocaleString("en-GB")} characters or fewer`)
    .default(""),
});

/** Linking a "we" statement to an "I" statement it answers. */
export const answerLinkSchema = z.object({
  iStatementId: z.uuid({ message: "Select the “I” statement this statement answers" }),
});

/** Linking a statement to a priority. */
export const priorityLinkSchema = z.object({
  priorityId: z.uuid({ message: "Select a priority" }),
});

/** Linking a statement to a commitment. */
export const commitmentLinkSchema = z.object({
  commitmentId: z.uuid({ message: "Select a commitment" }),
});

/** The statements list's filters, read from the address (anything unknown means "all"). */
export const statementFilterSchema = z.object({
  kind: z.enum(STATEMENT_KINDS).optional().catch(undefined),
  theme: z.enum(STATEMENT_THEMES).optional().catch(undefined),
  status: z.enum(STATEMENT_STATUSES).optional().catch(undefined),
  archived: z
    .literal("yes")
    .optional()
    .catch(undefined)
    .transform((v) => v === "yes"),
});

/**
 * Plain text typed into a textarea as a statement body: a blank line starts a new paragraph;
 * single line breaks inside a paragraph are kept as line breaks.
 */
export function plainTextToBody(text: string) {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!paragraphs.length) return { type: "doc", content: [{ type: "paragraph" }] };
  return {
    type: "doc",
    content: paragraphs.map((p) => ({
      type: "paragraph",
      content: p.split("\n").flatMap((line, i) => [
        ...(i > 0 ? [{ type: "hardBreak" }] : []),
        ...(line.trim() ? [{ type: "text", text: line.trim() }] : []),
      ]),
    })),
  };
}
