/**
 * The files evidence may carry: which types are accepted (decided from a file's content, never
 * from its name or the browser's claim), how they are named in words, and how an uploaded file's
 * name is made safe to show and to offer as a download. Browser-safe: the evidence form shows the
 * same list and limit the server enforces.
 */

/** Every type an evidence file may have, as stored in evidence_files.content_type. */
export const EVIDENCE_FILE_TYPES = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "text/csv",
  "text/plain",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.text",
] as const;
export type EvidenceFileType = (typeof EVIDENCE_FILE_TYPES)[number];

const TYPE_DETAILS: Record<EvidenceFileType, { label: string; extensions: readonly string[] }> = {
  "application/pdf": { label: "PDF", extensions: ["pdf"] },
  "image/png": { label: "PNG", extensions: ["png"] },
  "image/jpeg": { label: "JPEG", extensions: ["jpg", "jpeg"] },
  "text/csv": { label: "CSV", extensions: ["csv"] },
  "text/plain": { label: "plain text", extensions: ["txt"] },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { label: "DOCX", extensions: ["docx"] },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { label: "XLSX", extensions: ["xlsx"] },
  "application/vnd.oasis.opendocument.text": { label: "ODT", extensions: ["odt"] },
};

/** Whether a string is one of the accepted types. */
export function isEvidenceFileType(value: string): value is EvidenceFileType {
  return (EVIDENCE_FILE_TYPES as readonly string[]).includes(value);
}

/** A type in words: "PDF", "plain text". */
export function fileTypeLabel(type: EvidenceFileType): string {
  return TYPE_DETAILS[type].label;
}

/** "PDF, PNG or JPEG": the accepted types in words, in the order given. */
export function fileTypesInWords(types: readonly EvidenceFileType[] = EVIDENCE_FILE_TYPES): string {
  const labels = types.map(fileTypeLabel);
  return labels.length <= 1 ? labels.join("") : `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}

/** A size in words, as people read it: "20 MB", "512 KB", "900 bytes" (1 MB = 1,048,576 bytes). */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 * 1024 * 1024, "GB"],
    [1024 * 1024, "MB"],
    [1024, "KB"],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : Number(value.toFixed(1))} ${unit}`;
    }
  }
  return bytes === 1 ? "1 byte" : `${bytes} bytes`;
}

/** The messages shown next to a file field, in one place so the form and its tests agree. */
export const fileErrors = {
  wrongType: (allowed: readonly EvidenceFileType[] = EVIDENCE_FILE_TYPES) => `The file must be a ${fileTypesInWords(allowed)}`,
  tooLarge: (maxBytes: number) => `The file is larger than ${formatBytes(maxBytes)}`,
  empty: "The file is empty",
} as const;

const MAX_NAME_LENGTH = 120;

/**
 * A file name safe to show and to offer in Content-Disposition: no folders (`../`), no control or
 * direction-changing characters, no leading dots, at most 120 characters, and an extension that
 * matches the type the content showed ("report.pdf" that is really a PNG becomes "report.png").
 */
export function safeFileName(original: string, type: EvidenceFileType): string {
  const { extensions } = TYPE_DETAILS[type];
  const cleaned = original
    .normalize("NFC")
    .split(/[/\\]/)
    .pop()!
    // Control characters and invisible format characters (a right-to-left override can make
    // "gpj.exe" read as "exe.jpg").
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/\s+/g, " ");
  const dot = cleaned.lastIndexOf(".");
  const extension = dot >= 0 ? cleaned.slice(dot + 1).toLowerCase() : "";
  let stem = cleaned;
  let keptExtension = extensions[0];
  if (extensions.includes(extension)) {
    stem = cleaned.slice(0, dot);
    keptExtension = extension;
  } else if (knownExtension(extension)) {
    // The name claims another accepted type: the content decides.
    stem = cleaned.slice(0, dot);
  }
  // No leading dots (a hidden file, or what is left of "../"), nothing trailing.
  const trimmed = stem.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  const room = MAX_NAME_LENGTH - keptExtension.length - 1;
  const shortened = Array.from(trimmed).slice(0, room).join("").trim() || "file";
  return `${shortened}.${keptExtension}`;
}

function knownExtension(extension: string): boolean {
  return Object.values(TYPE_DETAILS).some((d) => d.extensions.includes(extension));
}
