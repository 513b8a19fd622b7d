import { z } from "zod";
import { STRATEGY_SCOPES, STRATEGY_STATUSES, STRATEGY_VISIBILITIES } from "./strategy";

/** The fields a strategy's details share between "start a strategy" and "settings". */
export const strategyDetailsSchema = z
  .object({
    title: z
      .string({ message: "Enter a title for the strategy" })
      .trim()
      .min(3, "Title must be 3 characters or more")
      .max(200, "Title must be 200 characters or fewer"),
    summary: z.string().trim().max(4000, "Summary must be 4,000 characters or fewer").default(""),
    scope: z.enum(STRATEGY_SCOPES, { message: "Select whether the strategy is national or local" }),
    area: z.string().trim().max(120, "Area must be 120 characters or fewer").optional(),
    adoptsStrategyId: z.uuid({ message: "Select a national strategy from the list" }).optional(),
    visibility: z.enum(STRATEGY_VISIBILITIES, { message: "Select who can read the strategy" }),
  })
  .superRefine((value, ctx) => {
    if (value.scope === "local" && (!value.area || value.area.length < 2)) {
      ctx.addIssue({ code: "custom", path: ["area"], message: "Enter the local area the strategy covers" });
    }
    if (value.scope === "national" && value.adoptsStrategyId) {
      ctx.addIssue({ code: "custom", path: ["adoptsStrategyId"], message: "Only a local strategy can adopt a national one" });
    }
  });

/** "Nothing about us without us": the settings checkbox's words, and its hint. */
export const requireLivedExperienceLabel =
  "Require a person with lived experience to contribute to and endorse a statement before it is agreed";
export const requireLivedExperienceHint =
  "A facilitator can then mark a statement agreed only when someone with lived experience has helped write it (by writing or commenting) and has endorsed its current text.";

/** The settings page's form: the details, the strategy's status and how statements are agreed. */
export const strategySettingsSchema = strategyDetailsSchema.and(
  z.object({
    status: z.enum(STRATEGY_STATUSES, { message: "Select the strategy's status" }),
    // An unticked checkbox sends nothing.
    requireLivedExperienceToAgree: z.boolean().optional().transform((value) => value ?? false),
  }),
);
