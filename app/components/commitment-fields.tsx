import type { FieldMetadata } from "@conform-to/react";
import { ChoiceField, DateField, SelectField, TextareaField, type Option } from "~/components/forms";
import { RESPONSIBLE_PARTIES, responsiblePartyLabels } from "~/domain/responsible-parties";
import { COMMITMENT_STATUSES, commitmentStatusLabels } from "~/domain/strategy";

type Field = FieldMetadata<any, any, any>;

/** The fields of "add a commitment" and "edit commitment"; the priority choice only when editing. */
export function CommitmentFields({
  fields,
  organisations,
  priorities,
}: {
  fields: Record<"text" | "responsibleParties" | "leadOrganisationId" | "status" | "priorityId", Field> & {
    dueDate: FieldMetadata<{ day?: string; month?: string; year?: string } | undefined, any, any>;
  };
  organisations: Option[];
  priorities?: Option[];
}) {
  return (
    <>
      <TextareaField
        field={fields.text}
        label="Commitment"
        hint="Start with “We will”, and say what will be done, in plain English. For example, We will publish a plan for recruiting care workers in rural areas."
        rows={4}
      />
      <ChoiceField
        field={fields.responsibleParties}
        type="checkbox"
        legend="Who is responsible"
        hint="Select all that apply."
        options={RESPONSIBLE_PARTIES.map((p) => ({ value: p, label: responsiblePartyLabels[p] }))}
      />
      <SelectField
        field={fields.leadOrganisationId}
        label="Lead organisation (optional)"
        hint="The organisation that leads the work and answers for it."
        options={organisations}
        emptyLabel="No lead organisation"
      />
      <DateField field={fields.dueDate} legend="Due date (optional)" hint="For example, 31 3 2028" />
      <ChoiceField
        field={fields.status}
        type="radio"
        legend="Status"
        options={COMMITMENT_STATUSES.map((s) => ({ value: s, label: commitmentStatusLabels[s] }))}
      />
      {priorities ? (
        <SelectField
          field={fields.priorityId}
          label="Priority"
          hint="If you move the commitment to another priority, it goes last in that priority."
          options={priorities}
        />
      ) : null}
    </>
  );
}
