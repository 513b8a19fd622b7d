import { describe, expect, it } from "vitest";
import { fileErrors, fileTypesInWords, formatBytes, safeFileName } from "./evidence-files";

describe("safeFileName", () => {
  it.each([
    ["../../etc/passwd.pdf", "application/pdf", "passwd.pdf"],
    ["C:\\Users\\sam\\Desktop\\minutes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "minutes.docx"],
    ["line\r\nbreak\u0000.pdf", "application/pdf", "linebreak.pdf"],
    ["invoice\u202Efdp.exe", "application/pdf", "invoicefdp.exe.pdf"],
    ["  spaced   out  .png", "image/png", "spaced out.png"],
    ["report.pdf", "image/png", "report.png"],
    ["photo.JPEG", "image/jpeg", "photo.jpeg"],
    ["photo.png", "image/jpeg", "photo.jpg"],
    ["notes.md", "text/plain", "notes.md.txt"],
    ["data.csv", "text/plain", "data.txt"],
    [".pdf", "application/pdf", "file.pdf"],
    ["", "text/csv", "file.csv"],
    ["Cafe\u0301 minutes.odt", "application/vnd.oasis.opendocument.text", "Café minutes.odt"],
  ] as const)("%j as %s is %j", (name, type, expected) => {
    expect(safeFileName(name, type)).toBe(expected);
  });

  it("keeps a long name to 120 characters without splitting a character", () => {
    const name = safeFileName(`${"😀".repeat(200)}.pdf`, "application/pdf");
    expect(Array.from(name)).toHaveLength(120);
    expect(name.endsWith("😀.pdf")).toBe(true);
  });
});

describe("file words", () => {
  it("lists the accepted types as a sentence", () => {
    expect(fileTypesInWords()).toBe("PDF, PNG, JPEG, CSV, plain text, DOCX, XLSX or ODT");
    expect(fileTypesInWords(["application/pdf"])).toBe("PDF");
    expect(fileErrors.wrongType()).toBe("The file must be a PDF, PNG, JPEG, CSV, plain text, DOCX, XLSX or ODT");
    expect(fileErrors.wrongType(["application/pdf", "image/png"])).toBe("The file must be a PDF or PNG");
  });

  it("gives sizes as people read them", () => {
    expect(formatBytes(20971520)).toBe("20 MB");
    expect(formatBytes(1536 * 1024)).toBe("1.5 MB");
    expect(formatBytes(65536)).toBe("64 KB");
    expect(formatBytes(900)).toBe("900 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(fileErrors.tooLarge(20971520)).toBe("The file is larger than 20 MB");
  });
});
