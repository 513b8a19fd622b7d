import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { measureTransaction, type TextChange } from "./audit.server";

/** What `edit` wrote, measured as the collaboration server measures a connection's transaction. */
function measure(doc: Y.Doc, edit: (text: Y.XmlText) => void): TextChange {
  const text = doc.getXmlFragment("default").get(0) as Y.XmlElement;
  let change: TextChange | undefined;
  const listener = (transaction: Y.Transaction) => (change = measureTransaction(transaction));
  doc.on("afterTransaction", listener);
  doc.transact(() => edit(text.get(0) as Y.XmlText));
  doc.off("afterTransaction", listener);
  return change!;
}

function documentWith(initial: string) {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(initial)]);
  doc.getXmlFragment("default").insert(0, [paragraph]);
  return doc;
}

describe("measureTransaction", () => {
  it("counts inserted characters, as code points", () => {
    expect(measure(documentWith(""), (t) => t.insert(0, "Hello"))).toEqual({ added: 5, removed: 0 });
    expect(measure(documentWith(""), (t) => t.insert(0, "Café 👍🏽"))).toEqual({ added: 7, removed: 0 });
  });

  it("counts deleted characters of text that was there before", () => {
    expect(measure(documentWith("Hello world"), (t) => t.delete(5, 6))).toEqual({ added: 0, removed: 6 });
  });

  it("counts neither for text typed and deleted in the same transaction", () => {
    expect(
      measure(documentWith("Hi"), (t) => {
        t.insert(2, " there");
        t.delete(2, 6);
      }),
    ).toEqual({ added: 0, removed: 0 });
  });

  it("counts no characters for formatting", () => {
    expect(measure(documentWith("Hello"), (t) => t.format(0, 5, { bold: {} }))).toEqual({ added: 0, removed: 0 });
  });

  it("counts a replacement as both", () => {
    expect(
      measure(documentWith("I want"), (t) => {
        t.delete(2, 4);
        t.insert(2, "choose");
      }),
    ).toEqual({ added: 6, removed: 4 });
  });
});
