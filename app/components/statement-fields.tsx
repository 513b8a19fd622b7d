import type { FieldMetadata } from "@conform-to/react";
import { ChoiceField, TextField } from "~/components/forms";
import {
  STATEMENT_KINDS,
  STATEMENT_THEMES,
  statementKindHints,
  statementKindLabels,
  statementThemeLabels,
  themeEditionLabel,
} from "~/domain/statements";

type Field = FieldMetadata<any, any, any>;

/** The fields of "create a statement" and "edit the details": kind, title and theme. */
export function StatementDetailsFields({ fields }: { fields: Record<"kind" | "title" | "theme", Field> }) {
  return (
    <>
      <ChoiceField
        field={fields.kind}
        legend="What kind of statement is it?"
        type="radio"
        options={STATEMENT_KINDS.map((k) => ({ value: k, label: statementKindLabels[k], hint: statementKindHints[k] }))}
      />
      <TextField
        field={fields.title}
        label="Title"
        hint="A few words that say what the statement is about, for example, I am listened to"
      />
      <ChoiceField
        field={fields.theme}
        legend="Theme"
        hint={`The theme of ${themeEditionLabel} the statement belongs to.`}
        type="radio"
        small
        options={STATEMENT_THEMES.map((t) => ({ value: t, label: statementThemeLabels[t] }))}
      />
    </>
  );
}
