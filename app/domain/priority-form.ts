import { z } from "zod";

/** The fields of "add a priority" and "edit priority". */
export const priorityDetailsSchema = z.object({
  title: z
    .string({ message: "Enter a title for the priority" })
    .trim()
    .min(3, "Title must be 3 characters or more")
    .max(200, "Title must be 200 characters or fewer"),
  summary: z.string().trim().max(4000, "Summary must be 4,000 characters or fewer").default(""),
  context: z.string().trim().max(4000, "Current context must be 4,000 characters or fewer").default(""),
});
