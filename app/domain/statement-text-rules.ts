/**
 * The rules of a statement's text that need no editor: which heading levels it has and which
 * link addresses it keeps. Kept apart from the Tiptap schema (statement-content.ts) so pages
 * that only show a text do not load the editor's code.
 */
export const HEADING_LEVELS = [2, 3] as const;

const ALLOWED_LINK = /^(https?:\/\/[^\s]+|mailto:[^\s@]+@[^\s@]+)$/i;

/** Whether a link address may be kept: only http, https and mailto. */
export function isAllowedLink(href: string | null | undefined): boolean {
  return typeof href === "string" && ALLOWED_LINK.test(href.trim());
}
