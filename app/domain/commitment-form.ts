import { isMatch } from "date-fns";
import { z } from "zod";
import { RESPONSIBLE_PARTIES, type ResponsibleParty } from "./responsible-parties";
import { COMMITMENT_STATUSES } from "./strategy";

const isResponsibleParty = (value: string): value is ResponsibleParty =>
  (RESPONSIBLE_PARTIES as readonly string[]).includes(value);

/** A calendar date as a date input sends it ("2027-03-31"), and one that exists (not 31 February). */
export const isRealDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isMatch(value, "yyyy-MM-dd");

const datePart = z.string().trim().optional();
const listed = (words: string[]) => (words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : words[0]);

/**
 * A GOV.UK date input (day, month, year) as one calendar date ("2028-03-31"): all three empty
 * means no date; otherwise each part must be there and together make a date that exists.
 */
export const dueDateSchema = z
  .object({ day: datePart, month: datePart, year: datePart })
  .optional()
  .transform((parts, ctx) => {
    const { day, month, year } = parts ?? {};
    if (!day && !month && !year) return undefined;
    const missing = [!day && "day", !month && "month", !year && "year"].filter((w): w is string => Boolean(w));
    if (missing.length) {
      ctx.addIssue({ code: "custom", message: `The due date must include a ${listed(missing)}` });
      return z.NEVER;
    }
    const iso = `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
    if (!/^\d{1,2}$/.test(day!) || !/^\d{1,2}$/.test(month!) || !/^\d{4}$/.test(year!) || !isRealDate(iso)) {
      ctx.addIssue({ code: "custom", message: "The due date must be a real date, for example 31 3 2028" });
      return z.NEVER;
    }
    return iso;
  });

/** A stored calendar date ("2028-03-31") as the date input's three parts. */
export function dateParts(iso: string | null): { day: string; month: string; year: string } | undefined {
  if (!iso) return undefined;
  const [year, month, day] = iso.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * The fields of "add a commitment" and "edit commitment". The lead organisation and (when
 * editing) the priority must be among the choices the form offered, which the route passes in.
 */
export function commitmentSchema({ organisationIds, priorityIds }: { organisationIds: string[]; priorityIds?: string[] }) {
  return z.object({
    text: z
      .string({ message: "Enter the commitment" })
      .trim()
      .min(1, { message: "Enter the commitment", abort: true })
      .min(10, "The commitment must be 10 characters or more")
      .max(1000, "The commitment must be 1,000 characters or fewer"),
    responsibleParties: z
      .array(z.string(), { message: "Select who is responsible" })
      .min(1, "Select who is responsible")
      .refine((values) => values.every(isResponsibleParty), "Select who is responsible from the list")
      .transform((values) => RESPONSIBLE_PARTIES.filter((p) => values.includes(p))),
    leadOrganisationId: z
      .string()
      .refine((id) => organisationIds.includes(id), "Select a lead organisation from the list")
      .optional(),
    dueDate: dueDateSchema,
    status: z.enum(COMMITMENT_STATUSES, { message: "Select the status of the commitment" }),
    priorityId: priorityIds
      ? z.string({ message: "Select a priority" }).refine((id) => priorityIds.includes(id), "Select a priority from the list")
      : z.string().optional(),
  });
}

export type CommitmentForm = z.input<ReturnType<typeof commitmentSchema>>;

/** The form's answers as a commitment's details: an optional answer left empty is stored as null. */
export function commitmentDetails(value: z.output<ReturnType<typeof commitmentSchema>>) {
  const { text, responsibleParties, leadOrganisationId, dueDate, status } = value;
  return { text, responsibleParties, leadOrganisationId: leadOrganisationId ?? null, dueDate: dueDate ?? null, status };
}
