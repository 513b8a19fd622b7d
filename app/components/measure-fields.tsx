import { getCollectionProps, getInputProps, type FieldMetadata } from "@conform-to/react";
import { ChoiceField, DateField, TextareaField, TextField } from "~/components/forms";
import {
  MEASURE_DATA_SOURCES,
  MEASURE_DIRECTIONS,
  MEASURE_FREQUENCIES,
  MEASURE_KINDS,
  MEASURE_UNITS,
  QUANTITATIVE_RAG_METHODS,
  measureDataSourceLabels,
  measureDirectionLabels,
  measureFrequencyLabels,
  measureKindLabels,
  measureUnitLabels,
  ragMethodHints,
  ragMethodLabels,
} from "~/domain/measures";

type Field = FieldMetadata<any, any, any>;
type DateFieldMetadata = FieldMetadata<{ day?: string; month?: string; year?: string } | undefined, any, any>;

/** A priority and its commitments, as the form offers them for linking. */
export type LinkGroup = { priorityId: string; priorityLabel: string; commitments: { id: string; label: string }[] };

type MeasureFieldsProps = {
  fields: Record<
    | "name"
    | "definition"
    | "kind"
    | "unit"
    | "direction"
    | "baselineValue"
    | "baselineSource"
    | "targetValue"
    | "targetIsExample"
    | "frequency"
    | "dataSource"
    | "dataSourceDetail"
    | "ragMethod"
    | "tolerance"
    | "onTrackThreshold"
    | "offTrackThreshold"
    | "priorityIds"
    | "commitmentIds",
    Field
  > & { baselineDate: DateFieldMetadata; targetDate: DateFieldMetadata };
  linkGroups: LinkGroup[];
};

/**
 * The fields of "define a measure" and "edit measure", in one column. Without JavaScript every
 * field shows; the number fields say they are only for a quantitative measure, and the form's
 * rules ignore them for a milestone.
 */
export function MeasureFields({ fields, linkGroups }: MeasureFieldsProps) {
  return (
    <>
      <TextField field={fields.name} label="Name of the measure" hint="Short and plain, for example Vacancy rate in adult social care." />
      <TextareaField
        field={fields.definition}
        label="Definition (optional)"
        hint="What exactly is counted, and how, so anyone reporting a value counts the same thing."
        rows={3}
      />
      <ChoiceField
        field={fields.kind}
        type="radio"
        legend="Kind of measure"
        options={MEASURE_KINDS.map((k) => ({ value: k, label: measureKindLabels[k] }))}
      />

      <h2 className="govuk-heading-m govuk-!-margin-top-8">Baseline and target</h2>
      <p className="govuk-body">Only for a quantitative measure. Leave these empty for a milestone, apart from its date.</p>
      <ChoiceField field={fields.unit} type="radio" legend="Unit" small options={MEASURE_UNITS.map((u) => ({ value: u, label: measureUnitLabels[u] }))} />
      <ChoiceField
        field={fields.direction}
        type="radio"
        legend="Which is better"
        small
        options={MEASURE_DIRECTIONS.map((d) => ({ value: d, label: measureDirectionLabels[d] }))}
      />
      <TextField
        field={fields.baselineValue}
        label="Baseline value"
        hint="Where things stood at the start, for example 7.8 for 7.8%, or 8.50 for £8.50."
        width="10"
      />
      <DateField field={fields.baselineDate} legend="Baseline date" hint="The date the baseline describes, for example 31 3 2020" />
      <TextField
        field={fields.baselineSource}
        label="Source of the baseline"
        hint="Where the figure comes from, for example Skills for Care estimates."
      />
      <TextField field={fields.targetValue} label="Target value" hint="Where things should be by the target date." width="10" />
      <DateField field={fields.targetDate} legend="Target date" hint="For a milestone, the date it is due (optional). For example, 31 3 2030" />
      <TargetIsExampleField field={fields.targetIsExample} />

      <ChoiceField
        field={fields.ragMethod}
        type="radio"
        legend="How the status is worked out"
        hint="Only verified values count. A milestone’s status is always the evaluator’s judgement."
        options={QUANTITATIVE_RAG_METHODS.map((m) => ({ value: m, label: ragMethodLabels[m], hint: ragMethodHints[m] }))}
      />
      <TextField
        field={fields.tolerance}
        label="Tolerance (for the path)"
        hint="How far behind the path a value may be and still be at risk rather than off track, in the measure’s unit: 0.5 for half a percentage point, 0.20 for 20p, 0 for none."
        width="10"
      />
      <TextField
        field={fields.onTrackThreshold}
        label="On-track threshold (for thresholds)"
        hint="A value at or better than this is on track."
        width="10"
      />
      <TextField
        field={fields.offTrackThreshold}
        label="Off-track threshold (for thresholds)"
        hint="A value at or worse than this is off track. In between is at risk."
        width="10"
      />

      <h2 className="govuk-heading-m govuk-!-margin-top-8">Reporting</h2>
      <ChoiceField
        field={fields.frequency}
        type="radio"
        legend="How often it is reported"
        small
        options={MEASURE_FREQUENCIES.map((f) => ({ value: f, label: measureFrequencyLabels[f] }))}
      />
      <ChoiceField
        field={fields.dataSource}
        type="radio"
        legend="Where the data comes from"
        small
        options={MEASURE_DATA_SOURCES.map((d) => ({ value: d, label: measureDataSourceLabels[d] }))}
      />
      <TextField
        field={fields.dataSourceDetail}
        label="Details of the data source (optional)"
        hint="For example, the name of the survey or the local team that collects the data."
      />

      <LinkFields priorityIds={fields.priorityIds} commitmentIds={fields.commitmentIds} groups={linkGroups} />
    </>
  );
}

function TargetIsExampleField({ field }: { field: Field }) {
  const { key, ...props } = getInputProps(field, { type: "checkbox", ariaAttributes: false });
  const hintId = `${field.id}-hint`;
  return (
    <div className="govuk-form-group">
      <div className="govuk-checkboxes govuk-checkboxes--small">
        <div className="govuk-checkboxes__item">
          <input key={key} {...props} className="govuk-checkboxes__input" aria-describedby={hintId} />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={field.id}>
            The target is an example
          </label>
          <div id={hintId} className="govuk-hint govuk-checkboxes__hint">
            Not yet agreed by the strategy’s partners. It is marked “example target” wherever it is shown.
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * The priorities and commitments the measure shows progress on: one group of checkboxes per
 * priority (the priority as a whole, then each of its commitments). The first box of each kind
 * carries its field's id, so the error summary's links land on it.
 */
function LinkFields({ priorityIds, commitmentIds, groups }: { priorityIds: Field; commitmentIds: Field; groups: LinkGroup[] }) {
  const errors = [...(priorityIds.errors ?? []), ...(commitmentIds.errors ?? [])];
  const hintId = "measure-links-hint";
  const errorId = "measure-links-error";
  const describedBy = [hintId, errors.length ? errorId : null].filter(Boolean).join(" ");
  const firstCommitment = groups.flatMap((g) => g.commitments)[0]?.id;
  return (
    <div className={`govuk-form-group${errors.length ? " govuk-form-group--error" : ""}`}>
      <h2 className="govuk-heading-m govuk-!-margin-top-8" id="measure-links-heading">
        What this measure shows progress on
      </h2>
      <div id={hintId} className="govuk-hint">
        Select every priority and commitment it tells you about: at least one.
      </div>
      {errors.length ? (
        <p id={errorId} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {errors.join(". ")}
        </p>
      ) : null}
      {groups.map((group, g) => {
        const priorityBoxes = getCollectionProps(priorityIds, { type: "checkbox", options: [group.priorityId], ariaAttributes: false });
        const commitmentBoxes = getCollectionProps(commitmentIds, {
          type: "checkbox",
          options: group.commitments.map((c) => c.id),
          ariaAttributes: false,
        });
        return (
          <fieldset key={group.priorityId} className="govuk-fieldset govuk-!-margin-bottom-4" aria-describedby={describedBy}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{group.priorityLabel}</legend>
            <div className="govuk-checkboxes govuk-checkboxes--small">
              {priorityBoxes.map(({ key, ...props }) => {
                const id = g === 0 ? priorityIds.id : props.id;
                return (
                  <div className="govuk-checkboxes__item" key={key}>
                    <input {...props} id={id} className="govuk-checkboxes__input" />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                      The priority as a whole
                    </label>
                  </div>
                );
              })}
              {commitmentBoxes.map(({ key, ...props }, i) => {
                const commitment = group.commitments[i];
                const id = commitment.id === firstCommitment ? commitmentIds.id : props.id;
                return (
                  <div className="govuk-checkboxes__item" key={key}>
                    <input {...props} id={id} className="govuk-checkboxes__input" />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                      {commitment.label}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
