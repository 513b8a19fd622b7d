import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StatementBodyView } from "./statement-body";

const render = (content: object[]) => renderToStaticMarkup(<StatementBodyView body={{ type: "doc", content }} />);

describe("StatementBodyView", () => {
  it("renders the statement schema as GOV.UK HTML", () => {
    const html = render([
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "What matters" }] },
      {
        type: "paragraph",
        content: [
          { type: "text", text: "I am " },
          { type: "text", text: "listened to", marks: [{ type: "bold" }, { type: "italic" }] },
          { type: "hardBreak" },
          { type: "text", text: "TLAP", marks: [{ type: "link", attrs: { href: "https://www.thinklocalactpersonal.org.uk/" } }] },
        ],
      },
      { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Third" }] }] }] },
    ]);
    expect(html).toBe(
      '<div class="app-statement-text"><h2 class="govuk-heading-m">What matters</h2>' +
        '<p class="govuk-body">I am <strong><em>listened to</em></strong><br/>' +
        '<a class="govuk-link" href="https://www.thinklocalactpersonal.org.uk/" rel="noopener noreferrer nofollow">TLAP</a></p>' +
        '<ol class="govuk-list govuk-list--number" start="3"><li><p class="govuk-body">Third</p></li></ol></div>',
    );
  });

  it("never makes a link of an address that is not http, https or mailto, and never renders markup from the text", () => {
    const html = render([
      {
        type: "paragraph",
        content: [
          { type: "text", text: "click", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
          { type: "text", text: "<img src=x onerror=alert(1)>" },
        ],
      },
      { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Not a page heading" }] },
    ]);
    expect(html).not.toContain("<a");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain('<h2 class="govuk-heading-m">Not a page heading</h2>');
  });

  it("says when there is no text yet", () => {
    expect(render([{ type: "paragraph" }])).toContain("No text has been written yet.");
  });
});
