/**
 * Form controls for conform forms: a label, the control, an optional hint
 * and the field's errors right below it (linked by aria-describedby), in
 * one look across the account pages. Work without JavaScript: errors and
 * values come from the server's `submission.reply()`.
 */
import { type FieldMetadata, getInputProps, getSelectProps } from "@conform-to/react";
import type { InputHTMLAttributes, ReactNode } from "react";

const CONTROL =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-200 aria-[invalid=true]:border-red-500";

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

function describedBy(meta: FieldMetadata<string | undefined>, hint: boolean): string | undefined {
  const ids = [hint ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null];
  return ids.filter(Boolean).join(" ") || undefined;
}

type InputAttributes = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "name" | "form" | "type" | "defaultValue" | "className"
>;

export function TextField({
  meta,
  label,
  type = "text",
  hint,
  className,
  ...attributes
}: {
  meta: FieldMetadata<string | undefined>;
  label: ReactNode;
  type?: "text" | "email" | "password" | "tel" | "url";
  hint?: ReactNode;
  className?: string;
} & InputAttributes) {
  const { key, ...props } = getInputProps(meta, { type, ariaAttributes: false });
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        key={key}
        {...props}
        {...attributes}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, Boolean(hint))}
        className={CONTROL}
      />
      {hint ? (
        <p id={meta.descriptionId} className="mt-1 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  placeholder,
  className,
  children,
}: {
  meta: FieldMetadata<string | undefined>;
  label: ReactNode;
  hint?: ReactNode;
  /** Text of an empty first option ("请选择"). */
  placeholder?: string;
  className?: string;
  children: ReactNode;
}) {
  const { key, ...props } = getSelectProps(meta, { ariaAttributes: false });
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        key={key}
        {...props}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, Boolean(hint))}
        className={CONTROL}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {children}
      </select>
      {hint ? (
        <p id={meta.descriptionId} className="mt-1 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A form-level message (errors not tied to one field, or a notice). */
export function FormAlert({
  id,
  tone = "error",
  children,
}: {
  id?: string;
  tone?: "error" | "success" | "info";
  children: ReactNode;
}) {
  if (!children) return null;
  const tones = {
    error: "border-red-200 bg-red-50 text-red-800",
    success: "border-green-200 bg-green-50 text-green-800",
    info: "border-blue-200 bg-blue-50 text-blue-900",
  };
  return (
    <div
      id={id}
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-md border px-4 py-3 text-sm ${tones[tone]}`}
    >
      {children}
    </div>
  );
}

export function SubmitButton({
  children,
  className = "",
}: {
  children: ReactNode;
  className?: string;
}) {
  return (
    <button
      type="submit"
      className={`rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-300 ${className}`}
    >
      {children}
    </button>
  );
}
