/**
 * 合同受理 (/bureau/contracts/new): a registrar enters a technology contract
 * whose seller is local; it is accepted (submitted) with its processing
 * deadline, then registered or refused on its page. ?inquiryId= pre-fills
 * the form from a deal made on the platform. Works without JavaScript.
 */
import { getFormProps, useForm } from "@conform-to/react";
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
import { submitContract } from "~/domain/contracts/contract-workflow.server";
import { services } from "~/services.server";
import {
  contractRegionPickers,
  contractSchemaFor,
  dealPrefillFromUrl,
} from "~/utils/contract-form.server";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `合同受理 - ${siteNameOf(matches)}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "contracts.register");
  const { db } = await services();
  const url = new URL(request.url);
  const prefill = await dealPrefillFromUrl(db, url);
  return { ...prefill, ...(await contractRegionPickers(db, url, prefill.defaults)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contracts.register");
  const { db } = await services();
  const submission = parseWithZod(await request.formData(), {
    schema: await contractSchemaFor(db),
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const id = await submitContract(db, submission.value, { ...user, ip: knownClientIp(request) });
    return redirect(`/bureau/contracts/${id}?notice=submitted`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function NewContract() {
  const { defaults, source, prefillError, duplicateWarning, inquiryId, sellerPicker, buyerPicker } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "contract-new",
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onBlur",
  });
  const provinceFormId = `${form.id}-province`;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Breadcrumb items={[{ label: "技术合同", to: "/bureau/contracts" }, { label: "合同受理" }]} />
      <h1 className="text-2xl font-semibold text-slate-900">合同受理</h1>
      <p className="text-sm text-slate-600">
        本站登记卖方在本市的技术合同（卖方登记）。受理后自动计算办理期限：15 个工作日，技术交易额
        500 万元以上为 30 个工作日。 卖方在外地、买方在本市的合同请录入为
        <a href="/bureau/contracts/absorption/new" className="text-blue-700 underline">
          技术吸纳
        </a>
        。需要选择外省地区时，请先切换省份再填写其他内容。
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
        <ContractFormFields
          fields={fields as unknown as ContractFormFieldMetas}
          sellerPicker={sellerPicker}
          buyerPicker={buyerPicker}
          provinceFormId={provinceFormId}
        />
        <SubmitButton>受理</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
