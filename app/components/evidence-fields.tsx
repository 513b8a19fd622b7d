import type { FieldMetadata } from "@conform-to/react";
import { ChoiceField, DateField, SelectField, TextField, TextareaField, type Option } from "~/components/forms";
import {
  EVIDENCE_CATEGORIES,
  MILESTONE_JUDGEMENTS,
  consentHints,
  consentLabels,
  evidenceCategoryHints,
  evidenceCategoryLabels,
  milestoneJudgementLabels,
  type EvidenceKind,
} from "~/domain/evidence";
import { CONSENTS, type DataPointMeasure } from "~/domain/evidence-form";
import { fileTypesInWords, formatBytes } from "~/domain/evidence-files";

type Field = FieldMetadata<any, any, any>;

/** A document's file input: whether a file must be chosen, the size limit, and what happened to one chosen before. */
export type FileChoice = {
  required: boolean;
  maxBytes: number;
  /** The form came back with other errors, so the file chosen was not kept. */
  chooseAgain: boolean;
  /** The name of the file the evidence has now, when answering a return. */
  current?: string | null;
};
type DateFieldMeta = FieldMetadata<{ day?: string; month?: string; year?: string } | undefined, any, any>;

export type EvidenceFieldSet = Record<"target" | "category" | "title" | "body" | "source" | "value" | "judgement" | "consent" | "file", Field> & {
  evidenceDate: DateFieldMeta;
  periodStart: DateFieldMeta;
  periodEnd: DateFieldMeta;
};

const valueHints: Record<NonNullable<DataPointMeasure["unit"]>, string> = {
  percentage: "A percentage, in figures, for example 7.1",
  pounds: "An amount in pounds, in figures, for example 8.50",
  count: "A whole number, for example 1200",
  rate: "The rate, in figures",
  score: "The score, in figures",
};

/**
 * The fields of the evidence form for one kind, in the order a person answers them. What it is
 * for is a choice, or fixed (a data point's measure, chosen before). A document's file input comes
 * last: the upload is read as it streams, and fields after it would be lost if it is refused.
 */
export function EvidenceFields({
  fields,
  kind,
  targets,
  fixedTarget,
  measure,
  file,
}: {
  fields: EvidenceFieldSet;
  kind: EvidenceKind;
  targets: Option[];
  /** The measure a data point is for, chosen on the step before. */
  fixedTarget?: { value: string; label: string };
  measure?: DataPointMeasure;
  /** For a document: whether a file must be chosen, and whether one chosen before was lost to another error. */
  file?: FileChoice;
}) {
  return (
    <>
      {fixedTarget ? (
        <input type="hidden" name={fields.target.name} value={fixedTarget.value} />
      ) : (
        <SelectField
          field={fields.target}
          label="What is it evidence for?"
          hint="A measure, a priority or one of its commitments."
          options={targets}
          emptyLabel="Select what it is for"
        />
      )}

      {kind === "data_point" && measure?.kind === "qualitative" ? (
        <ChoiceField
          field={fields.judgement}
          type="radio"
          legend="How is the milestone going?"
          options={MILESTONE_JUDGEMENTS.map((j) => ({ value: j, label: milestoneJudgementLabels[j] }))}
        />
      ) : null}
      {kind === "data_point" && measure?.kind !== "qualitative" ? (
        <TextField
          field={fields.value}
          label="Value"
          hint={measure?.unit ? valueHints[measure.unit] : "In figures"}
          width="10"
          spellCheck={false}
        />
      ) : null}
      {kind === "data_point" ? (
        <>
          <DateField field={fields.periodEnd} legend="End of the period it describes" hint="For example, 31 3 2026" />
          <DateField
            field={fields.periodStart}
            legend="Start of the period (optional)"
            hint="For example, 1 4 2025. Leave it empty for a figure at a single date."
          />
        </>
      ) : null}

      {kind === "data_point" ? (
        <TextField
          field={fields.title}
          label="Title (optional)"
          hint="If you leave it empty, it is named after the measure and the period."
        />
      ) : (
        <TextField field={fields.title} label="Title" hint="A few words that say what it is, for example Board minutes, May 2026." />
      )}

      {kind === "story" ? (
        <TextareaField
          field={fields.body}
          label="The story"
          hint="In the person’s own words as far as possible. Leave out anything that could identify someone who has not agreed to it."
          rows={8}
        />
      ) : kind === "feedback" ? (
        <TextareaField field={fields.body} label="The feedback" hint="What people said, and who said it (for example, the partnership board)." rows={6} />
      ) : (
        <TextareaField field={fields.body} label="What it shows (optional)" hint="Anything the evaluator should know when reviewing it." rows={4} />
      )}

      {kind === "story" ? (
        <ChoiceField
          field={fields.consent}
          type="checkbox"
          legend="What the person agreed to"
          hint="Tick only what the person has agreed to. You can change this while the story is waiting for your answer to a return."
          options={CONSENTS.map((c) => ({ value: c, label: consentLabels[c], hint: consentHints[c] }))}
        />
      ) : null}

      <ChoiceField
        field={fields.category}
        type="radio"
        legend="Category"
        hint="The six categories of evidence in CQC’s assessment framework. Choose the one that fits best."
        options={EVIDENCE_CATEGORIES.map((c) => ({ value: c, label: evidenceCategoryLabels[c], hint: evidenceCategoryHints[c] }))}
      />
      <TextField
        field={fields.source}
        label="Source"
        hint="Where it comes from, for example Adult social care workforce data set, or a conversation at a drop-in session."
      />
      <DateField field={fields.evidenceDate} legend="Date of the evidence" hint="When it was collected or published, for example 31 5 2026" />

      {fixedTarget ? (
        <p className="govuk-body">
          It is evidence for the measure <strong>{fixedTarget.label}</strong>.
        </p>
      ) : null}

      {kind === "document" && file ? <FileField field={fields.file} choice={file} /> : null}
    </>
  );
}

/** GOV.UK's file upload: the allowed types and size in the hint, and the reason a file was refused. */
function FileField({ field, choice }: { field: Field; choice: FileChoice }) {
  const { required, maxBytes, chooseAgain, current } = choice;
  const hasError = Boolean(field.errors?.length);
  const hintId = `${field.id}-hint`;
  return (
    <div className={`govuk-form-group${hasError ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={field.id}>
        {required ? "The file" : "A new file (optional)"}
      </label>
      <div id={hintId} className="govuk-hint">
        {current ? `It has the file ${current} now. Choose a file only to replace it. ` : ""}
        {`A ${fileTypesInWords()} file, up to ${formatBytes(maxBytes)}.`}
        {chooseAgain ? (
          <>
            {" "}
            <strong>Choose the file again:</strong> a file is not kept when something else on the form needs changing.
          </>
        ) : null}
      </div>
      {hasError ? (
        <p id={field.errorId} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {field.errors!.join(". ")}
        </p>
      ) : null}
      <input
        className={`govuk-file-upload${hasError ? " govuk-file-upload--error" : ""}`}
        id={field.id}
        name={field.name}
        type="file"
        aria-describedby={[hintId, hasError ? field.errorId : null].filter(Boolean).join(" ")}
      />
    </div>
  );
}
