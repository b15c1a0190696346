/**
 * Controls the listing forms need beyond components/form-fields.tsx: a
 * textarea, a date input, checkbox groups and a single checkbox — each with
 * its label, hint and errors linked by aria-describedby, and working
 * without JavaScript (values and errors come from `submission.reply()`).
 */
import {
  type FieldMetadata,
  getCollectionProps,
  getInputProps,
  getTextareaProps,
} from "@conform-to/react";
import type { ReactNode } from "react";
import { ErrorList } from "./form-fields";

export const CONTROL_CLASS =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-200 aria-[invalid=true]:border-red-500";

type Meta = FieldMetadata<string | undefined>;

function describedBy(
  meta: { descriptionId: string; errorId: string; errors?: string[] },
  hint: boolean,
) {
  const ids = [hint ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null];
  return ids.filter(Boolean).join(" ") || undefined;
}

function Hint({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="mt-1 text-sm text-slate-500">
      {children}
    </p>
  );
}

export function TextAreaField({
  meta,
  label,
  hint,
  rows = 4,
  className,
}: {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
  rows?: number;
  className?: string;
}) {
  const { key, ...props } = getTextareaProps(meta, { ariaAttributes: false });
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        key={key}
        {...props}
        rows={rows}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, Boolean(hint))}
        className={CONTROL_CLASS}
      />
      <Hint id={meta.descriptionId}>{hint}</Hint>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A text input for 万元 amounts or a date ("YYYY-MM-DD"). */
export function PlainInputField({
  meta,
  label,
  hint,
  type = "text",
  inputMode,
  suffix,
  className,
}: {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
  type?: "text" | "date";
  inputMode?: "decimal" | "text";
  /** Unit shown after the input, e.g. 万元. */
  suffix?: string;
  className?: string;
}) {
  const { key, ...props } = getInputProps(meta, { type, ariaAttributes: false });
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="flex items-center gap-2">
        <input
          key={key}
          {...props}
          inputMode={inputMode}
          autoComplete="off"
          aria-invalid={meta.errors?.length ? true : undefined}
          aria-describedby={describedBy(meta, Boolean(hint))}
          className={CONTROL_CLASS}
        />
        {suffix ? <span className="mt-1 shrink-0 text-sm text-slate-600">{suffix}</span> : null}
      </div>
      <Hint id={meta.descriptionId}>{hint}</Hint>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Checkboxes for a multi-valued field (转化方式). */
export function CheckboxGroupField({
  meta,
  legend,
  options,
  hint,
}: {
  meta: FieldMetadata<string[] | undefined>;
  legend: ReactNode;
  options: Record<string, string>;
  hint?: ReactNode;
}) {
  const inputs = getCollectionProps(meta, {
    type: "checkbox",
    options: Object.keys(options),
    ariaAttributes: false,
  });
  return (
    <fieldset aria-describedby={describedBy(meta, Boolean(hint))}>
      <legend className="block text-sm font-medium text-slate-700">{legend}</legend>
      <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
        {inputs.map(({ key, ...props }) => (
          <label key={key} className="inline-flex items-center gap-2 text-base text-slate-800">
            <input {...props} className="h-5 w-5 rounded border-slate-300 text-blue-700" />
            {options[props.value] ?? props.value}
          </label>
        ))}
      </div>
      <Hint id={meta.descriptionId}>{hint}</Hint>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

/** One checkbox (面议). */
export function CheckboxField({
  meta,
  label,
}: {
  meta: FieldMetadata<boolean | undefined>;
  label: ReactNode;
}) {
  const { key, ...props } = getInputProps(meta, { type: "checkbox", ariaAttributes: false });
  return (
    <div>
      <label className="inline-flex items-center gap-2 text-base text-slate-800">
        <input
          key={key}
          {...props}
          aria-describedby={meta.errors?.length ? meta.errorId : undefined}
          className="h-5 w-5 rounded border-slate-300 text-blue-700"
        />
        {label}
      </label>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** The 保存草稿 / 提交审核 buttons (the first is the Enter-key default). */
export function IntentButtons({ published }: { published: boolean }) {
  const primary =
    "rounded-md bg-blue-700 px-5 py-2.5 font-medium text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-300";
  const secondary =
    "rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-blue-200";
  return (
    <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
      {published ? (
        <button type="submit" name="intent" value="submit" className={primary}>
          提交修改审核
        </button>
      ) : (
        <>
          <button type="submit" name="intent" value="save" className={secondary}>
            保存草稿
          </button>
          <button type="submit" name="intent" value="submit" className={primary}>
            提交审核
          </button>
        </>
      )}
    </div>
  );
}
