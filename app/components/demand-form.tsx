/**
 * The 技术需求 form (new and edit). A plain POST form: without JavaScript
 * the server's reply re-renders it with field errors and everything typed;
 * with JavaScript conform checks the same schema before sending.
 */
import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorList, FormAlert, SelectField, TextField } from "~/components/form-fields";
import {
  CheckboxField,
  CheckboxGroupField,
  IntentButtons,
  PlainInputField,
  TextAreaField,
} from "~/components/listing-form-fields";
import { type DemandFormInput, demandFormSchema } from "~/domain/listings/listing-form";
import { TECH_FIELDS, TRANSFER_MODES } from "~/domain/taxonomy/taxonomy";

export function DemandForm({
  lastResult,
  defaultValue,
  counties,
  published = false,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: DemandFormInput;
  /** The home city's counties, districts and zones. */
  counties: { code: string; name: string }[];
  /** Editing a published demand: the edit goes to review as a revision. */
  published?: boolean;
}) {
  const countyCodes = counties.map((c) => c.code);
  const [form, fields] = useForm<DemandFormInput>({
    id: "demand-form",
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: demandFormSchema(countyCodes) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      {form.errors?.length ? (
        <FormAlert id={form.errorId}>
          <ErrorList errors={form.errors} />
        </FormAlert>
      ) : null}

      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 className="text-lg font-semibold text-slate-900">需求内容</h2>
        <TextField meta={fields.title} label="需求名称" hint="2–100 个字" />
        <TextAreaField
          meta={fields.description}
          label="需求描述"
          hint="现状与问题、要达到的技术指标、应用场景等，10–5000 个字"
          rows={8}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField meta={fields.techField} label="技术领域" placeholder="请选择">
            {Object.entries(TECH_FIELDS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </SelectField>
          <TextField
            meta={fields.keywords}
            label="关键词（选填）"
            hint="用逗号、顿号或空格分隔，最多 10 个"
          />
        </div>
      </section>

      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 className="text-lg font-semibold text-slate-900">预算与合作</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <PlainInputField
            meta={fields.budgetMin}
            label="最低预算（万元）"
            hint="如 35.5 表示 35.5 万元"
            inputMode="decimal"
            suffix="万元"
          />
          <PlainInputField
            meta={fields.budgetMax}
            label="最高预算（万元）"
            inputMode="decimal"
            suffix="万元"
          />
        </div>
        <CheckboxField meta={fields.budgetNegotiable} label="预算面议" />
        <CheckboxGroupField
          meta={fields.desiredModes}
          legend="期望合作方式（选填）"
          options={TRANSFER_MODES}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <PlainInputField
            meta={fields.deadline}
            label="截止日期（选填）"
            hint="须晚于今天"
            type="date"
          />
          <SelectField meta={fields.regionCode} label="所在县（市、区）" placeholder="请选择">
            {counties.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
        </div>
      </section>

      {published ? (
        <p className="text-sm text-slate-600">
          修改提交后需重新审核；审核通过前，公众看到的仍是当前已发布的内容。
        </p>
      ) : (
        <p className="text-sm text-slate-600">
          “保存草稿”仅自己单位可见；“提交审核”后由科技局审核，通过后对外发布。
        </p>
      )}
      <IntentButtons published={published} />
    </Form>
  );
}
