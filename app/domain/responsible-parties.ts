/** Who a commitment holds to account: the parties named in the source document, plus NHS and people-led bodies. */
export const RESPONSIBLE_PARTIES = [
  "employers",
  "central_government",
  "local_government",
  "regulators",
  "improvement_bodies",
  "nhs_integrated_care",
  "people_led_organisations",
] as const;

export type ResponsibleParty = (typeof RESPONSIBLE_PARTIES)[number];

export const responsiblePartyLabels: Record<ResponsibleParty, string> = {
  employers: "Employers",
  central_government: "Central government",
  local_government: "Local government",
  regulators: "Regulators",
  improvement_bodies: "Improvement bodies",
  nhs_integrated_care: "NHS and integrated care systems",
  people_led_organisations: "People-led organisations",
};
