import type { FieldMetadata } from "@conform-to/react";
import { TextareaField, TextField } from "~/components/forms";

type Field = FieldMetadata<any, any, any>;

/** The fields of "add a figure" and "edit figure". */
export function ContextFigureFields({ fields }: { fields: Record<"figure" | "description" | "source" | "sourceUrl", Field> }) {
  return (
    <>
      <TextField field={fields.figure} label="Figure" hint="A number as it should be shown, for example 7.8% or £8.50" width="10" spellCheck={false} />
      <TextareaField
        field={fields.description}
        label="What it shows"
        hint="Read after the figure, for example “of roles in adult social care were vacant before the pandemic”."
        rows={3}
      />
      <TextField field={fields.source} label="Source" hint="Who published the figure, and where, for example Skills for Care estimates" />
      <TextField
        field={fields.sourceUrl}
        label="Link to the source (optional)"
        hint="The web address of the report or data, starting with https://"
        type="url"
        spellCheck={false}
      />
    </>
  );
}
