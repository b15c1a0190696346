/**
 * 变更 (/bureau/contracts/:id/amend): the registered contract's fields,
 * editable, with the reason for the amendment. Statistics follow the new
 * values; the history keeps the old ones. Works without JavaScript.
 */
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
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
import { amendContract } from "~/domain/contracts/contract-amendment.server";
import { contractFieldsToRecord } from "~/domain/contracts/contract-input";
import { getContract } from "~/domain/contracts/contract-rows.server";
import { ConflictError } from "~/domain/errors";
import { services } from "~/services.server";
import { contractRegionPickers, contractSchemaFor, formText } from "~/utils/contract-form.server";
import { domainErrorToResponse, parseId } from "~/utils/http.server";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `合同变更 - ${siteNameOf(matches)}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "contracts.register");
  const id = parseId(params.id, "合同");
  const { db } = await services();
  const contract = await getContract(db, id).catch(domainErrorToResponse);
  if (contract.status !== "registered") {
    domainErrorToResponse(new ConflictError("contract_wrong_status", "只有已登记的合同可以变更"));
  }
  const defaults = contractFieldsToRecord(contract);
  return {
    id,
    name: contract.contractName,
    number: contract.registrationNumber ?? contract.externalRegistrationNumber,
    defaults,
    ...(await contractRegionPickers(db, new URL(request.url), defaults)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contracts.register");
  const id = parseId(params.id, "合同");
  const { db } = await services();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: await contractSchemaFor(db) });
  const reason = formText(formData, "reason").trim();
  const reasonError =
    reason.length < 2
      ? "请写明变更原因（至少 2 个字）"
      : reason.length > 500
        ? "最多 500 个字"
        : null;
  if (submission.status !== "success" || reasonError) {
    return data(submission.reply(reasonError ? { fieldErrors: { reason: [reasonError] } } : {}), {
      status: 400,
    });
  }
  try {
    await amendContract(
      db,
      id,
      { fields: submission.value, reason },
      { ...user, ip: knownClientIp(request) },
    );
    return redirect(`/bureau/contracts/${id}?notice=amended`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function AmendContract() {
  const { id, name, number, defaults, sellerPicker, buyerPicker } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<Record<string, string>>({
    id: "contract-amend",
    lastResult,
    defaultValue: defaults,
  });
  const provinceFormId = `${form.id}-province`;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Breadcrumb
        items={[
          { label: "技术合同", to: "/bureau/contracts" },
          { label: name, to: `/bureau/contracts/${id}` },
          { label: "变更" },
        ]}
      />
      <h1 className="text-2xl font-semibold text-slate-900">合同变更</h1>
      <p className="text-sm text-slate-600">
        登记号 {number}
        。变更后登记号和登记日期不变，统计按变更后的内容计算，变更前的内容保留在变更记录中。
      </p>
      <ProvinceSwitchForm id={provinceFormId} />
      <Form method="post" {...getFormProps(form)} className="space-y-6">
        {form.errors?.length ? (
          <FormAlert id={form.errorId}>
            <ErrorList errors={form.errors} />
          </FormAlert>
        ) : null}
        <ContractFormFields
          fields={fields as unknown as ContractFormFieldMetas}
          sellerPicker={sellerPicker}
          buyerPicker={buyerPicker}
          provinceFormId={provinceFormId}
        />
        <div className="rounded-lg bg-white p-4 shadow-sm sm:p-6">
          <label htmlFor={fields.reason?.id} className="block text-sm font-medium text-slate-700">
            变更原因
          </label>
          {fields.reason ? (
            <textarea
              {...getTextareaProps(fields.reason)}
              key={fields.reason.key}
              rows={3}
              maxLength={500}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
            />
          ) : null}
          <ErrorList id={fields.reason?.errorId} errors={fields.reason?.errors} />
        </div>
        <SubmitButton>保存变更</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
