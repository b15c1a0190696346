/**
 * 录入技术吸纳 (/bureau/contracts/absorption/new): a contract with a local
 * buyer that the seller registered elsewhere (e.g. Beijing, Tianjin),
 * entered with its external registration number and date. Stored as
 * registered, never given a local number. Works without JavaScript.
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  type ContractFormFieldMetas,
  ContractFormFields,
  ProvinceSwitchForm,
} from "~/components/contract-form-fields";
import { Breadcrumb } from "~/components/detail-layout";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton } from "~/components/form-fields";
import { recordAbsorption } from "~/domain/contracts/absorption.server";
import { services } from "~/services.server";
import {
  contractRegionPickers,
  contractSchemaFor,
  dealPrefillFromUrl,
  formText,
} from "~/utils/contract-form.server";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: `录入技术吸纳 - ${siteNameOf(matches)}` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "contracts.register");
  const { db } = await services();
  const url = new URL(request.url);
  const prefill = await dealPrefillFromUrl(db, url);
  // The seller is usually in Beijing or Tianjin; start its picker in Beijing.
  const pickers = await contractRegionPickers(db, url, {
    sellerRegionCode: "110000",
    ...prefill.defaults,
  });
  return { ...prefill, ...pickers };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contracts.register");
  const { db } = await services();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: await contractSchemaFor(db) });
  const externalRegistrationNumber = formText(formData, "externalRegistrationNumber");
  const registeredOn = formText(formData, "registeredOn");
  const extra: Record<string, string[]> = {};
  if (!externalRegistrationNumber.trim()) extra.externalRegistrationNumber = ["请填写外地登记号"];
  if (!registeredOn.trim()) extra.registeredOn = ["请填写外地登记日期"];
  if (submission.status !== "success" || Object.keys(extra).length > 0) {
    return data(submission.reply({ fieldErrors: extra }), { status: 400 });
  }
  try {
    const id = await recordAbsorption(
      db,
      { fields: submission.value, externalRegistrationNumber, registeredOn },
      { ...user, ip: knownClientIp(request) },
    );
    return redirect(`/bureau/contracts/${id}?notice=absorbed`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function NewAbsorption() {
  const { sellerPicker, buyerPicker, defaults, source, prefillError, duplicateWarning, inquiryId } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<Record<string, string>>({
    id: "absorption-new",
    lastResult,
    defaultValue: defaults,
  });
  const provinceFormId = `${form.id}-province`;
  const number = fields.externalRegistrationNumber!;
  const date = fields.registeredOn!;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Breadcrumb
        items={[{ label: "技术合同", to: "/bureau/contracts" }, { label: "录入技术吸纳" }]}
      />
      <h1 className="text-2xl font-semibold text-slate-900">录入技术吸纳</h1>
      <p className="text-sm text-slate-600">
        买方在本市、卖方在外地登记的技术合同（如北京、天津的高校院所转让给本市企业的成果）。按外地登记号和登记日期录入，计入技术吸纳统计，不生成本地登记号。需要选择外省地区时，请先切换省份再填写其他内容。
      </p>
      {source ? <FormAlert tone="info">{source}</FormAlert> : null}
      {prefillError ? <FormAlert>{prefillError}</FormAlert> : null}
      {duplicateWarning ? <FormAlert>{duplicateWarning}</FormAlert> : null}
      <ProvinceSwitchForm id={provinceFormId} hidden={inquiryId ? { inquiryId } : undefined} />
      <Form method="post" {...getFormProps(form)} className="space-y-6">
        {form.errors?.length ? (
          <FormAlert id={form.errorId}>
            <ErrorList errors={form.errors} />
          </FormAlert>
        ) : null}
        <fieldset className="space-y-4 rounded-lg bg-white p-4 shadow-sm sm:p-6">
          <legend className="float-left mb-2 w-full text-lg font-medium text-slate-900">
            外地登记
          </legend>
          <div className="clear-both grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor={number.id} className="block text-sm font-medium text-slate-700">
                外地登记号
              </label>
              <input
                {...getInputProps(number, { type: "text" })}
                key={number.key}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
              />
              <ErrorList id={number.errorId} errors={number.errors} />
            </div>
            <div>
              <label htmlFor={date.id} className="block text-sm font-medium text-slate-700">
                外地登记日期
              </label>
              <input
                {...getInputProps(date, { type: "date" })}
                key={date.key}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
              />
              <ErrorList id={date.errorId} errors={date.errors} />
            </div>
          </div>
        </fieldset>
        <ContractFormFields
          fields={fields as unknown as ContractFormFieldMetas}
          sellerPicker={sellerPicker}
          buyerPicker={buyerPicker}
          provinceFormId={provinceFormId}
          sellerHint="卖方在外地（本市卖方的合同请走“合同受理”）"
          buyerHint="买方须在本市"
        />
        <SubmitButton>录入</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
