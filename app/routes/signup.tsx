/**
 * 注册: a new organization (pending verification by the bureau) and its
 * first account, the organization admin. The region is picked in two steps
 * that work without JavaScript: a province (a small GET form, reloading
 * this page with ?province=) and then a county of that province.
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  ErrorList,
  FormAlert,
  SelectField,
  SubmitButton,
  TextField,
} from "~/components/form-fields";
import {
  displayNameField,
  emailField,
  MAX_ORGANIZATION_NAME_LENGTH,
  newPasswordField,
  SIGN_UP_KINDS,
  usccField,
  withPasswordConfirmation,
} from "~/domain/accounts/account-fields";
import { signUp } from "~/domain/accounts/sign-up.server";
import { regionPicker } from "~/domain/regions/region-picker.server";
import { ORGANIZATION_KINDS, PARTY_TYPES } from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { getUser, knownClientIp } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: `注册机构账号 - ${siteNameOf(matches)}` },
  {
    name: "description",
    content: "企业、高校、科研院所和技术转移机构注册账号，发布科技成果与技术需求。",
  },
];

const KIND_HINTS: Record<(typeof SIGN_UP_KINDS)[number], string> = {
  enterprise: "发布技术需求，对接科技成果",
  university: "发布科技成果",
  institute: "发布科技成果",
  intermediary: "发布科技成果，提供技术转移服务",
};

const schema = withPasswordConfirmation(
  z.object({
    kind: z.enum(SIGN_UP_KINDS, { error: "请选择机构类型" }),
    organizationName: z
      .string({ error: "请填写机构名称" })
      .trim()
      .min(2, "机构名称至少 2 个字")
      .max(MAX_ORGANIZATION_NAME_LENGTH, `机构名称不超过 ${MAX_ORGANIZATION_NAME_LENGTH} 个字`),
    uscc: usccField,
    regionCode: z
      .string({ error: "请选择机构所在的区县" })
      .regex(/^\d{6}$/, "请选择机构所在的区县"),
    partyType: z.string({ error: "请选择单位性质" }),
    displayName: displayNameField,
    email: emailField,
    password: newPasswordField,
    confirmPassword: z.string({ error: "请再次输入密码" }),
  }),
);

const PASSWORDS = ["password", "confirmPassword"];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/org");
  const { db, config } = await services();
  const province = new URL(request.url).searchParams.get("province");
  return { regions: await regionPicker(db, province, config.HOME_REGION_CODE) };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: PASSWORDS }), { status: 400 });
  }
  const { db, auth } = await services();
  let signedUp;
  try {
    signedUp = await signUp(db, submission.value, { ip: knownClientIp(request) });
  } catch (error) {
    return replyWithDomainError(submission, error, { hideFields: PASSWORDS });
  }
  return redirect("/org?welcome=1", {
    headers: { "Set-Cookie": auth.createSessionCookie(signedUp.session.id).serialize() },
  });
}

export default function SignUp() {
  const { regions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const submit = useSubmit();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const provinceFormId = `${form.id}-province`;
  const kindDescribedBy = fields.kind.errors?.length ? fields.kind.errorId : undefined;

  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold text-slate-900">注册机构账号</h1>
      <p className="mt-1 text-sm text-slate-600">
        注册后，科技局将核实机构信息（通常 1–3 个工作日）；认证通过前可完善资料、起草成果与需求。
        已有账号？
        <Link to="/login" className="text-blue-700 underline">
          登录
        </Link>
        。所在机构已注册？请向机构管理员索取邀请链接。
      </p>

      {/* The province switch is its own GET form; its controls sit in the region section below. */}
      <Form method="get" id={provinceFormId} preventScrollReset replace />

      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-6">
        {form.errors?.length ? (
          <FormAlert id={form.errorId}>
            <ErrorList errors={form.errors} />
          </FormAlert>
        ) : null}

        <fieldset className="space-y-4 rounded-lg bg-white p-4 shadow-sm sm:p-6">
          <legend className="float-left mb-2 w-full text-lg font-medium text-slate-900">
            机构信息
          </legend>
          <div
            className="clear-both"
            role="radiogroup"
            aria-labelledby={`${fields.kind.id}-label`}
            aria-describedby={kindDescribedBy}
          >
            <p id={`${fields.kind.id}-label`} className="text-sm font-medium text-slate-700">
              机构类型
            </p>
            <div className="mt-1 grid gap-2 sm:grid-cols-2">
              {SIGN_UP_KINDS.map((kind) => (
                <label
                  key={kind}
                  className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-300 p-3 has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50"
                >
                  <input
                    type="radio"
                    name={fields.kind.name}
                    form={form.id}
                    value={kind}
                    defaultChecked={fields.kind.initialValue === kind}
                    className="mt-1"
                  />
                  <span>
                    <span className="font-medium">{ORGANIZATION_KINDS[kind]}</span>
                    <span className="block text-sm text-slate-500">{KIND_HINTS[kind]}</span>
                  </span>
                </label>
              ))}
            </div>
            <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
          </div>
          <TextField
            meta={fields.organizationName}
            label="机构名称"
            autoComplete="organization"
            hint="与营业执照或法人登记证书上的名称一致"
          />
          <TextField
            meta={fields.uscc}
            label="统一社会信用代码"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={18}
            hint="18 位，见营业执照或事业单位法人证书"
          />
          <div>
            <div className="flex items-end gap-2">
              <div className="flex-1">
                <label
                  htmlFor={`${provinceFormId}-select`}
                  className="block text-sm font-medium text-slate-700"
                >
                  所在省份
                </label>
                <select
                  id={`${provinceFormId}-select`}
                  name="province"
                  form={provinceFormId}
                  defaultValue={regions.provinceCode}
                  key={regions.provinceCode}
                  onChange={(event) =>
                    submit(event.currentTarget.form, { preventScrollReset: true, replace: true })
                  }
                  className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm"
                >
                  {regions.provinces.map((p) => (
                    <option key={p.code} value={p.code}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="submit"
                form={provinceFormId}
                className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50"
              >
                切换省份
              </button>
            </div>
            <p className="mt-1 text-sm text-slate-500">
              不在{regions.provinces.find((p) => p.code === regions.provinceCode)?.name}
              ？请先选择省份并点“切换省份”，再填写其他信息。
            </p>
          </div>
          <SelectField meta={fields.regionCode} label="所在区县" placeholder="请选择区县">
            {regions.groups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.options.map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <SelectField
            meta={fields.partyType}
            label="单位性质"
            placeholder="请选择"
            hint="技术合同登记统计使用的卖方/买方性质"
          >
            {Object.entries(PARTY_TYPES).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </SelectField>
        </fieldset>

        <fieldset className="space-y-4 rounded-lg bg-white p-4 shadow-sm sm:p-6">
          <legend className="float-left mb-2 w-full text-lg font-medium text-slate-900">
            管理员账号
          </legend>
          <p className="clear-both text-sm text-slate-500">
            您将成为本机构的管理员，可邀请同事加入。
          </p>
          <TextField meta={fields.displayName} label="姓名" autoComplete="name" />
          <TextField
            meta={fields.email}
            label="邮箱（登录名）"
            type="email"
            autoComplete="email"
            inputMode="email"
          />
          <TextField
            meta={fields.password}
            label="密码"
            type="password"
            autoComplete="new-password"
            hint="至少 10 位，建议使用一句容易记住的话"
          />
          <TextField
            meta={fields.confirmPassword}
            label="确认密码"
            type="password"
            autoComplete="new-password"
          />
        </fieldset>

        <SubmitButton className="w-full sm:w-auto">注册</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
