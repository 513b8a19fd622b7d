import { diffWordsWithSpace } from "diff";

/** A run of text that both versions share, or that one of them added or removed. */
export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

export type TextComparison = {
  parts: DiffPart[];
  wordsAdded: number;
  wordsRemoved: number;
  /** The texts differ (perhaps only in punctuation or spacing). */
  changed: boolean;
};

// A word is a run of letters or digits, with apostrophes inside it ("don't", "people’s").
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** How many words a piece of text holds. */
export const countWords = (text: string) => text.match(WORD)?.length ?? 0;

// A pathological pair of texts must not hold up a page: past this, the whole text counts as changed.
const DIFF_TIMEOUT_MS = 1000;

/** A word-by-word comparison of two plain texts, from `before` to `after`. */
export function compareTexts(before: string, after: string): TextComparison {
  const changes = diffWordsWithSpace(before, after, { timeout: DIFF_TIMEOUT_MS }) ?? [
    { value: before, removed: true, added: false, count: 1 },
    { value: after, added: true, removed: false, count: 1 },
  ];
  const parts: DiffPart[] = changes
    .filter((c) => c.value !== "")
    .map((c) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text: c.value }));
  const words = (kind: DiffPart["kind"]) => parts.filter((p) => p.kind === kind).reduce((n, p) => n + countWords(p.text), 0);
  return {
    parts,
    wordsAdded: words("added"),
    wordsRemoved: words("removed"),
    changed: parts.some((p) => p.kind !== "same"),
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The comparison in words: "12 words added, 3 removed". */
export function describeComparison({ wordsAdded, wordsRemoved, changed }: TextComparison): string {
  if (!changed) return "The two texts are the same.";
  if (!wordsAdded && !wordsRemoved) return "No words were added or removed; only punctuation or spacing changed.";
  if (!wordsRemoved) return `${plural(wordsAdded, "word", "words")} added, none removed.`;
  if (!wordsAdded) return `No words added, ${wordsRemoved} removed.`;
  return `${plural(wordsAdded, "word", "words")} added, ${wordsRemoved} removed.`;
}
