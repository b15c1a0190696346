/**
 * The 科技成果 form (new and edit). A plain POST form: without JavaScript
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
import { type ResultFormInput, resultFormSchema } from "~/domain/listings/listing-form";
import { TRL_RANGES } from "~/domain/listings/listing-input";
import {
  IP_TYPES,
  MATURITY_STAGES,
  type Maturity,
  TECH_FIELDS,
  TRANSFER_MODES,
} from "~/domain/taxonomy/taxonomy";

const stageOfTrl = (trl: number) =>
  (Object.entries(TRL_RANGES) as [Maturity, readonly [number, number]][]).find(
    ([, [low, high]]) => trl >= low && trl <= high,
  )?.[0];

export function ResultForm({
  lastResult,
  defaultValue,
  published = false,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: ResultFormInput;
  /** Editing a published result: the edit goes to review as a revision. */
  published?: boolean;
}) {
  const [form, fields] = useForm<ResultFormInput>({
    id: "result-form",
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resultFormSchema }),
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
        <h2 className="text-lg font-semibold text-slate-900">基本信息</h2>
        <TextField meta={fields.title} label="成果名称" hint="2–100 个字" />
        <TextAreaField
          meta={fields.summary}
          label="成果简介（选填）"
          hint="一两句话概括成果与用途，最多 300 个字"
          rows={2}
        />
        <TextAreaField
          meta={fields.description}
          label="详细介绍"
          hint="技术原理、主要指标、应用领域、合作条件等，10–5000 个字"
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
        <h2 className="text-lg font-semibold text-slate-900">成熟度与知识产权</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField meta={fields.maturity} label="成熟度" placeholder="请选择">
            {Object.entries(MATURITY_STAGES).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </SelectField>
          <SelectField
            meta={fields.trl}
            label="技术就绪度（选填）"
            placeholder="未评估"
            hint="实验室 1–3 级，小试 4–5 级，中试 6–7 级，产业化 8–9 级"
          >
            {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((trl) => {
              const stage = stageOfTrl(trl);
              return (
                <option key={trl} value={String(trl)}>
                  TRL {trl}
                  {stage ? `（${MATURITY_STAGES[stage]}）` : ""}
                </option>
              );
            })}
          </SelectField>
          <SelectField meta={fields.ipType} label="知识产权类型" placeholder="请选择">
            {Object.entries(IP_TYPES).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            meta={fields.patentNumbers}
            label="专利号（选填）"
            hint="每行一个，如 ZL202110538742.X"
            rows={3}
          />
        </div>
      </section>

      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 className="text-lg font-semibold text-slate-900">转化方式与价格</h2>
        <CheckboxGroupField
          meta={fields.transferModes}
          legend="转化方式"
          options={TRANSFER_MODES}
        />
        <div className="grid gap-3 sm:grid-cols-2 sm:items-end">
          <PlainInputField
            meta={fields.askingPrice}
            label="参考价格（万元）"
            hint="如 35.5 表示 35.5 万元"
            inputMode="decimal"
            suffix="万元"
          />
          <CheckboxField meta={fields.priceNegotiable} label="价格面议" />
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
