/** Page titles follow GOV.UK's pattern: "Page – Service". */
export function pageTitle(title: string): { title: string }[] {
  return [{ title: `${title} – Assurance Hub` }];
}

export const ERROR_TITLE_PREFIX = "Error: ";
