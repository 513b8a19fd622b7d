import type { FieldMetadata } from "@conform-to/react";
import { ChoiceField, SelectField, type Option } from "~/components/forms";
import { ROLES, roleHints, roleLabels } from "~/domain/roles";

const roleOptions: Option[] = ROLES.map((role) => ({ value: role, label: roleLabels[role], hint: roleHints[role] }));

/** The roles a person holds or is invited to, and the organisation a signatory signs for. */
export function RoleFields({
  rolesField,
  organisationField,
  organisations,
}: {
  rolesField: FieldMetadata<any, any, any>;
  organisationField: FieldMetadata<any, any, any>;
  organisations: Option[];
}) {
  return (
    <>
      <ChoiceField field={rolesField} type="checkbox" legend="Roles" hint="Select all that apply." options={roleOptions} />
      <SelectField
        field={organisationField}
        label="Organisation"
        hint="Needed for a signatory: the organisation they will sign for. You can also choose the organisation a sector partner represents."
        options={organisations}
        emptyLabel="None"
      />
    </>
  );
}
