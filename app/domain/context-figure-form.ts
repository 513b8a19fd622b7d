import { z } from "zod";

/** An address a browser can open from the figures table: http or https, and nothing else. */
export function isWebLink(value: string): boolean {
  if (!/^https?:\/\/\S+$/.test(value)) return false;
  try {
    return new URL(value).hostname.length > 0;
  } catch {
    return false;
  }
}

const WEB_LINK_MESSAGE = "Enter a link that starts with https:// or http://";

/** The fields of "add a figure" and "edit figure" (limits as in the context_figures table). */
export const contextFigureSchema = z.object({
  figure: z
    .string({ message: "Enter the figure, for example 7.8% or £8.50" })
    .trim()
    .min(1, { message: "Enter the figure, for example 7.8% or £8.50", abort: true })
    .max(40, "The figure must be 40 characters or fewer"),
  description: z
    .string({ message: "Enter what the figure shows" })
    .trim()
    .min(1, { message: "Enter what the figure shows", abort: true })
    .min(3, "What it shows must be 3 characters or more")
    .max(500, "What it shows must be 500 characters or fewer"),
  source: z
    .string({ message: "Enter where the figure comes from" })
    .trim()
    .min(1, { message: "Enter where the figure comes from", abort: true })
    .min(2, "The source must be 2 characters or more")
    .max(300, "The source must be 300 characters or fewer"),
  sourceUrl: z
    .string()
    .trim()
    .max(2000, "The link must be 2,000 characters or fewer")
    .refine(isWebLink, WEB_LINK_MESSAGE)
    .optional(),
});

export type ContextFigureForm = z.input<typeof contextFigureSchema>;
