import type { Tx } from "~/platform/db.server";

export type Organisation = { id: string; name: string; shortName: string | null };

/** Every organisation in the directory, by name (the directory is public). */
export async function listOrganisations(tx: Tx): Promise<Organisation[]> {
  return tx.query<Organisation>(
    `select id, name, short_name as "shortName" from public.organisations order by lower(name)`,
  );
}

/** "Association of Directors of Adult Social Services (ADASS)", or the name alone. */
export const organisationLabel = (o: Organisation) =>
  o.shortName && o.shortName !== o.name ? `${o.name} (${o.shortName})` : o.name;

/** The organisations as a form's choices (a lead organisation, or the one a signatory signs for). */
export const organisationChoices = (organisations: Organisation[]) =>
  organisations.map((o) => ({ value: o.id, label: organisationLabel(o) }));
