import type { FieldMetadata } from "@conform-to/react";
import { TextareaField, TextField } from "~/components/forms";

type Field = FieldMetadata<any, any, any>;

/** The fields of "add a priority" and "edit priority". */
export function PriorityFields({ fields }: { fields: Record<"title" | "summary" | "context", Field> }) {
  return (
    <>
      <TextField field={fields.title} label="Title" hint="For example, Staff are recognised, valued and rewarded" />
      <TextareaField field={fields.summary} label="Summary (optional)" hint="Why this priority matters, in a few sentences." />
      <TextareaField
        field={fields.context}
        label="Current context (optional)"
        hint="Where things stand now. You can add the figures that show it later."
        rows={6}
      />
    </>
  );
}
