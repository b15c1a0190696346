/**
 * The fields of a technology contract (registration, amendment, absorption
 * record) for a conform form: contract, seller, buyer, amounts in 元, dates,
 * field and IP type, links. Each party's region is picked like on sign-up:
 * a province (switched by a small GET form, `provinceFormId`, so it works
 * without JavaScript) and then a county of that province.
 */
import { type FieldMetadata, getInputProps } from "@conform-to/react";
import { Form, useSubmit } from "@remix-run/react";
import type { ReactNode } from "react";
import { SelectField, TextField } from "~/components/form-fields";
import { CONTRACT_SUBTYPES, CONTRACT_TYPES } from "~/domain/contracts/contract-taxonomy";
import type { RegionPicker } from "~/domain/regions/region-picker.server";
import { IP_TYPES, PARTY_TYPES, TECH_FIELDS } from "~/domain/taxonomy/taxonomy";

type Field = FieldMetadata<string | undefined>;

export type ContractFormFieldMetas = Record<
  | "contractName"
  | "contractType"
  | "contractSubtype"
  | "sellerName"
  | "sellerUscc"
  | "sellerRegionCode"
  | "sellerPartyType"
  | "buyerName"
  | "buyerUscc"
  | "buyerRegionCode"
  | "buyerPartyType"
  | "contractAmount"
  | "techTransactionAmount"
  | "signedOn"
  | "validFrom"
  | "validUntil"
  | "techField"
  | "ipType"
  | "resultId"
  | "demandId"
  | "inquiryId",
  Field
>;

const sectionClass = "space-y-4 rounded-lg bg-white p-4 shadow-sm sm:p-6";
const legendClass = "float-left mb-2 w-full text-lg font-medium text-slate-900";

/** The GET form that switches the parties' provinces (render outside the POST form). */
export function ProvinceSwitchForm({
  id,
  hidden,
}: {
  id: string;
  hidden?: Record<string, string>;
}) {
  return (
    <Form method="get" id={id} preventScrollReset replace>
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </Form>
  );
}

function ProvinceSelect({
  formId,
  name,
  label,
  picker,
}: {
  formId: string;
  name: string;
  label: string;
  picker: RegionPicker;
}) {
  const submit = useSubmit();
  return (
    <div className="flex items-end gap-2">
      <div className="flex-1">
        <label htmlFor={`${formId}-${name}`} className="block text-sm font-medium text-slate-700">
          {label}
        </label>
        <select
          id={`${formId}-${name}`}
          name={name}
          form={formId}
          defaultValue={picker.provinceCode}
          key={picker.provinceCode}
          onChange={(event) =>
            submit(event.currentTarget.form, { preventScrollReset: true, replace: true })
          }
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm"
        >
          {picker.provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        form={formId}
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50"
      >
        切换省份
      </button>
    </div>
  );
}

function RegionSelect({
  meta,
  label,
  picker,
}: {
  meta: Field;
  label: string;
  picker: RegionPicker;
}) {
  return (
    <SelectField meta={meta} label={label} placeholder="请选择区县">
      {picker.groups.map((group) => (
        <optgroup key={group.label} label={group.label}>
          {group.options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}

function Party({
  who,
  fields,
  picker,
  provinceFormId,
  provinceParam,
  hint,
}: {
  who: "seller" | "buyer";
  fields: ContractFormFieldMetas;
  picker: RegionPicker;
  provinceFormId: string;
  provinceParam: string;
  hint?: ReactNode;
}) {
  const label = who === "seller" ? "卖方" : "买方";
  const f =
    who === "seller"
      ? {
          name: fields.sellerName,
          uscc: fields.sellerUscc,
          region: fields.sellerRegionCode,
          type: fields.sellerPartyType,
        }
      : {
          name: fields.buyerName,
          uscc: fields.buyerUscc,
          region: fields.buyerRegionCode,
          type: fields.buyerPartyType,
        };
  return (
    <fieldset className={sectionClass}>
      <legend className={legendClass}>
        {label}（{who === "seller" ? "技术提供方、受托方" : "技术受让方、委托方"}）
      </legend>
      {hint ? <p className="clear-both text-sm text-slate-500">{hint}</p> : null}
      <TextField meta={f.name} label={`${label}名称`} className="clear-both" />
      <TextField
        meta={f.uscc}
        label={`${label}统一社会信用代码（选填）`}
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={18}
      />
      <ProvinceSelect
        formId={provinceFormId}
        name={provinceParam}
        label={`${label}所在省份`}
        picker={picker}
      />
      <RegionSelect meta={f.region} label={`${label}所在区县`} picker={picker} />
      <SelectField meta={f.type} label={`${label}性质`} placeholder="请选择">
        {Object.entries(PARTY_TYPES).map(([code, name]) => (
          <option key={code} value={code}>
            {code} {name}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}

/** The contract's fieldsets; put them inside the POST form. */
export function ContractFormFields({
  fields,
  sellerPicker,
  buyerPicker,
  provinceFormId,
  sellerHint,
  buyerHint,
}: {
  fields: ContractFormFieldMetas;
  sellerPicker: RegionPicker;
  buyerPicker: RegionPicker;
  provinceFormId: string;
  sellerHint?: ReactNode;
  buyerHint?: ReactNode;
}) {
  return (
    <>
      <fieldset className={sectionClass}>
        <legend className={legendClass}>合同</legend>
        <TextField meta={fields.contractName} label="合同名称" className="clear-both" />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField meta={fields.contractType} label="合同类别" placeholder="请选择">
            {Object.entries(CONTRACT_TYPES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
          <SelectField
            meta={fields.contractSubtype}
            label="合同子类"
            placeholder="请选择"
            hint="须属于所选类别"
          >
            {Object.entries(CONTRACT_SUBTYPES).map(([type, subtypes]) => (
              <optgroup key={type} label={CONTRACT_TYPES[type as keyof typeof CONTRACT_TYPES]}>
                {Object.entries(subtypes).map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <SelectField meta={fields.techField} label="技术领域" placeholder="请选择">
            {Object.entries(TECH_FIELDS).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
          <SelectField meta={fields.ipType} label="知识产权类型" placeholder="请选择">
            {Object.entries(IP_TYPES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <Party
        who="seller"
        fields={fields}
        picker={sellerPicker}
        provinceFormId={provinceFormId}
        provinceParam="sellerProvince"
        hint={sellerHint}
      />
      <Party
        who="buyer"
        fields={fields}
        picker={buyerPicker}
        provinceFormId={provinceFormId}
        provinceParam="buyerProvince"
        hint={buyerHint}
      />
      <fieldset className={sectionClass}>
        <legend className={legendClass}>金额与期限</legend>
        <div className="clear-both grid gap-4 sm:grid-cols-2">
          <TextField
            meta={fields.contractAmount}
            label="成交额（元）"
            inputMode="decimal"
            hint="合同总金额，最多两位小数，如 1250000.50"
          />
          <TextField
            meta={fields.techTransactionAmount}
            label="技术交易额（元）"
            inputMode="decimal"
            hint="扣除设备、原材料等非技术性费用后的金额，不超过成交额"
          />
          <DateField meta={fields.signedOn} label="签订日期" />
          <div />
          <DateField meta={fields.validFrom} label="有效期起（选填）" />
          <DateField meta={fields.validUntil} label="有效期止（选填）" />
        </div>
      </fieldset>
      <fieldset className={sectionClass}>
        <legend className={legendClass}>来源（选填）</legend>
        <p className="clear-both text-sm text-slate-500">
          合同来自平台上的成果、需求或对接时填写其编号，统计“经平台成交”时使用。
        </p>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField meta={fields.resultId} label="科技成果编号" inputMode="numeric" />
          <TextField meta={fields.demandId} label="技术需求编号" inputMode="numeric" />
          <TextField meta={fields.inquiryId} label="对接编号" inputMode="numeric" />
        </div>
      </fieldset>
    </>
  );
}

function DateField({ meta, label }: { meta: Field; label: string }) {
  const { key, ...props } = getInputProps(meta, { type: "date", ariaAttributes: false });
  return (
    <div>
      <label htmlFor={meta.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        key={key}
        {...props}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={meta.errors?.length ? meta.errorId : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-500"
      />
      {meta.errors?.length ? (
        <ul id={meta.errorId} className="mt-1 text-sm text-red-700">
          {meta.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
