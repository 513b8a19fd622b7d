import type { FieldMetadata } from "@conform-to/react";
import { visibilityLabels } from "~/domain/strategy";
import { ChoiceField, SelectField, TextField } from "./forms";

type Fields = {
  scope: FieldMetadata<any, any, any>;
  area: FieldMetadata<any, any, any>;
  adoptsStrategyId: FieldMetadata<any, any, any>;
  visibility: FieldMetadata<any, any, any>;
};

/** A strategy's scope, local area, adopted national strategy and visibility: shared by "start" and "settings". */
export function StrategyScopeFields({ fields, nationals }: { fields: Fields; nationals: { id: string; title: string }[] }) {
  return (
    <>
      <ChoiceField
        field={fields.scope}
        type="radio"
        legend="Is this a national or a local strategy?"
        options={[
          { value: "national", label: "National" },
          { value: "local", label: "Local", hint: "For a local authority or integrated care system area." },
        ]}
      />
      <TextField field={fields.area} label="Local area (for a local strategy)" hint="For example, Anytown integrated care system" />
      <SelectField
        field={fields.adoptsStrategyId}
        label="National strategy it adopts (optional, for a local strategy)"
        options={nationals.map((n) => ({ value: n.id, label: n.title }))}
        emptyLabel="None"
      />
      <ChoiceField
        field={fields.visibility}
        type="radio"
        legend="Who can read it?"
        options={[
          { value: "private", label: visibilityLabels.private },
          { value: "public", label: visibilityLabels.public },
        ]}
      />
    </>
  );
}
