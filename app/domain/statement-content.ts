import StarterKit from "@tiptap/starter-kit";
import type { AnyExtension, JSONContent } from "@tiptap/core";
import { HEADING_LEVELS, isAllowedLink } from "./statement-text-rules";

/**
 * What a statement's text may contain, shared by the editor in the browser and by the
 * collaboration server (which turns the Yjs document into ProseMirror JSON with the same schema):
 * paragraphs, headings (levels 2 and 3, under the page's own heading), bold, italic, bulleted
 * and numbered lists, and links to http, https and mailto addresses only.
 */
export { HEADING_LEVELS, isAllowedLink } from "./statement-text-rules";

/** The Tiptap extensions that define a statement's schema. Collaboration adds its own undo. */
export function statementExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [...HEADING_LEVELS] },
      blockquote: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      undoRedo: false,
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ["http", "https", "mailto"],
        defaultProtocol: "https",
        isAllowedUri: (url) => isAllowedLink(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
      },
    }),
  ];
}

export type StatementBody = JSONContent;

export const EMPTY_BODY: StatementBody = { type: "doc", content: [{ type: "paragraph" }] };

/** The plain text of a body: blocks separated by blank lines, list items on their own lines. */
export function bodyToText(body: StatementBody): string {
  const blocks: string[] = [];
  const inline = (node: JSONContent): string =>
    node.type === "text" ? (node.text ?? "") : node.type === "hardBreak" ? "\n" : (node.content ?? []).map(inline).join("");
  const walk = (node: JSONContent, prefix = "") => {
    switch (node.type) {
      case "paragraph":
      case "heading":
        blocks.push(prefix + inline(node));
        return;
      case "bulletList":
        for (const item of node.content ?? []) walk(item, "• ");
        return;
      case "orderedList":
        (node.content ?? []).forEach((item, index) => walk(item, `${(node.attrs?.start ?? 1) + index}. `));
        return;
      case "listItem":
        (node.content ?? []).forEach((child, index) => walk(child, index === 0 ? prefix : "  "));
        return;
      default:
        for (const child of node.content ?? []) walk(child, prefix);
    }
  };
  walk(body);
  return blocks
    .map((b) => b.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Stable JSON (sorted keys), so equal bodies always hash the same. */
export function canonicalBody(body: StatementBody): string {
  const sort = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sort)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .filter(([, v]) => v !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, v]) => [k, sort(v)]),
          )
        : value;
  return JSON.stringify(sort(body));
}
