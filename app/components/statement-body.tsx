import type { ReactNode } from "react";
import type { StatementBody } from "~/domain/statement-content";
import { HEADING_LEVELS, isAllowedLink } from "~/domain/statement-text-rules";

/**
 * A statement's text as HTML, rendered from its stored ProseMirror JSON with React elements only
 * (never raw HTML), so it reads before any script loads and nothing a writer typed can run. It
 * knows the statement schema (paragraphs, headings 2 and 3, lists, bold, italic, links, line
 * breaks); anything else is shown as its text. A link to anything but http, https or mailto
 * stays as plain words.
 */
export function StatementBodyView({ body, className = "app-statement-text" }: { body: StatementBody; className?: string }) {
  const blocks = body.content ?? [];
  const empty = blocks.every((b) => !(b.content ?? []).length);
  return <div className={className}>{empty ? <p className="govuk-body app-statement-text__empty">No text has been written yet.</p> : renderNodes(blocks)}</div>;
}

function renderNodes(nodes: StatementBody[] | undefined): ReactNode[] {
  return (nodes ?? []).map((node, i) => renderNode(node, i));
}

function renderNode(node: StatementBody, key: number): ReactNode {
  switch (node.type) {
    case "paragraph":
      return (
        <p className="govuk-body" key={key}>
          {renderNodes(node.content)}
        </p>
      );
    case "heading": {
      const level = HEADING_LEVELS.includes(node.attrs?.level) ? (node.attrs!.level as 2 | 3) : 2;
      return level === 2 ? (
        <h2 className="govuk-heading-m" key={key}>
          {renderNodes(node.content)}
        </h2>
      ) : (
        <h3 className="govuk-heading-s" key={key}>
          {renderNodes(node.content)}
        </h3>
      );
    }
    case "bulletList":
      return (
        <ul className="govuk-list govuk-list--bullet" key={key}>
          {renderNodes(node.content)}
        </ul>
      );
    case "orderedList": {
      const start = Number.isInteger(node.attrs?.start) ? (node.attrs!.start as number) : 1;
      return (
        <ol className="govuk-list govuk-list--number" key={key} start={start === 1 ? undefined : start}>
          {renderNodes(node.content)}
        </ol>
      );
    }
    case "listItem":
      return <li key={key}>{renderNodes(node.content)}</li>;
    case "hardBreak":
      return <br key={key} />;
    case "text":
      return <TextRun node={node} key={key} />;
    default:
      return <span key={key}>{renderNodes(node.content)}</span>;
  }
}

function TextRun({ node }: { node: StatementBody }) {
  let content: ReactNode = node.text ?? "";
  const marks = node.marks ?? [];
  if (marks.some((m) => m.type === "italic")) content = <em>{content}</em>;
  if (marks.some((m) => m.type === "bold")) content = <strong>{content}</strong>;
  const link = marks.find((m) => m.type === "link");
  const href = typeof link?.attrs?.href === "string" ? link.attrs.href.trim() : null;
  if (href && isAllowedLink(href)) {
    content = (
      <a className="govuk-link" href={href} rel="noopener noreferrer nofollow">
        {content}
      </a>
    );
  }
  return <>{content}</>;
}
