/** Plain text as paragraphs: a blank line (or a line break) starts a new one. */
export function Paragraphs({ text, className = "govuk-body" }: { text: string; className?: string }) {
  const paragraphs = text
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((p, i) => (
        <p className={className} key={i}>
          {p}
        </p>
      ))}
    </>
  );
}
