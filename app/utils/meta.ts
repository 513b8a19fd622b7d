/** Page titles follow GOV.UK's pattern: "Page – Service"; errors are prefixed with "Error: ". */
export function pageTitle(title: string, hasErrors = false): { title: string }[] {
  return [{ title: `${hasErrors ? "Error: " : ""}${title} – Assurance Hub` }];
}
