/**
 * 账号设置: the signed-in user's profile (name), new-match alert setting
 * (立即 / 每日汇总 / 不提醒) and password. Changing the password signs out
 * every other device.
 */
import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton, TextField } from "~/components/form-fields";
import {
  displayNameField,
  newPasswordField,
  passwordField,
} from "~/domain/accounts/account-fields";
import { changePassword, getAccount, updateDisplayName } from "~/domain/accounts/account.server";
import { ROLE_LABELS } from "~/domain/accounts/permissions";
import {
  MATCH_ALERT_FREQUENCIES,
  type MatchAlertFrequency,
} from "~/domain/matching/match-alert-labels";
import {
  getMatchAlertFrequency,
  receivesMatchAlerts,
  setMatchAlertFrequency,
} from "~/domain/matching/match-alert-settings.server";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { getRequestSession, knownClientIp, requireUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `账号设置 - ${siteNameOf(matches)}` }];

const profileSchema = z.object({
  intent: z.literal("profile"),
  displayName: displayNameField,
});
const passwordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: passwordField,
    newPassword: newPasswordField,
    confirmPassword: z.string({ error: "请再次输入新密码" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: "两次输入的新密码不一致",
    path: ["confirmPassword"],
  });
const PASSWORDS = ["currentPassword", "newPassword", "confirmPassword"];
const FREQUENCIES = Object.keys(MATCH_ALERT_FREQUENCIES) as [
  MatchAlertFrequency,
  ...MatchAlertFrequency[],
];
const matchAlertsSchema = z.object({
  intent: z.literal("matchAlerts"),
  frequency: z.enum(FREQUENCIES, { error: "请选择提醒方式" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await services();
  return {
    account: await getAccount(db, user.id),
    matchAlerts: receivesMatchAlerts(user.role) ? await getMatchAlertFrequency(db, user.id) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { sessionId } = await getRequestSession(request);
  const { db } = await services();
  const ip = knownClientIp(request);
  const formData = await request.formData();

  if (formData.get("intent") === "password") {
    const submission = parseWithZod(formData, { schema: passwordSchema });
    if (submission.status !== "success") {
      return data(
        {
          intent: "password" as const,
          result: submission.reply({ hideFields: PASSWORDS }),
          ended: null,
        },
        { status: 400 },
      );
    }
    try {
      const ended = await changePassword(db, {
        userId: user.id,
        currentSessionId: sessionId,
        currentPassword: submission.value.currentPassword,
        newPassword: submission.value.newPassword,
        ip,
      });
      return { intent: "password" as const, result: submission.reply({ resetForm: true }), ended };
    } catch (error) {
      const reply = replyWithDomainError(submission, error, { hideFields: PASSWORDS });
      return data(
        { intent: "password" as const, result: reply.data, ended: null },
        reply.init ?? undefined,
      );
    }
  }

  if (formData.get("intent") === "matchAlerts") {
    const submission = parseWithZod(formData, { schema: matchAlertsSchema });
    if (submission.status !== "success") {
      return data(
        { intent: "matchAlerts" as const, result: submission.reply(), ended: null },
        { status: 400 },
      );
    }
    try {
      await setMatchAlertFrequency(db, {
        userId: user.id,
        frequency: submission.value.frequency,
        ip,
      });
      return { intent: "matchAlerts" as const, result: submission.reply(), ended: null };
    } catch (error) {
      const reply = replyWithDomainError(submission, error);
      return data(
        { intent: "matchAlerts" as const, result: reply.data, ended: null },
        reply.init ?? undefined,
      );
    }
  }

  const submission = parseWithZod(formData, { schema: profileSchema });
  if (submission.status !== "success") {
    return data(
      { intent: "profile" as const, result: submission.reply(), ended: null },
      { status: 400 },
    );
  }
  try {
    await updateDisplayName(db, { userId: user.id, displayName: submission.value.displayName, ip });
    return { intent: "profile" as const, result: submission.reply(), ended: null };
  } catch (error) {
    const reply = replyWithDomainError(submission, error);
    return data(
      { intent: "profile" as const, result: reply.data, ended: null },
      reply.init ?? undefined,
    );
  }
}

export default function AccountSettings() {
  const { account, matchAlerts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [profileForm, profileFields] = useForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : null,
    defaultValue: { displayName: account.displayName },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
    shouldValidate: "onBlur",
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const profileSaved = actionData?.intent === "profile" && actionData.result.status === "success";
  const passwordChanged = actionData?.intent === "password" && actionData.ended !== null;

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">账号设置</h1>

      <section
        aria-labelledby="profile-heading"
        className="rounded-lg bg-white p-4 shadow-sm sm:p-6"
      >
        <h2 id="profile-heading" className="text-lg font-medium text-slate-900">
          个人信息
        </h2>
        <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-slate-500">邮箱（登录名）</dt>
          <dd>{account.email}</dd>
          <dt className="text-slate-500">角色</dt>
          <dd>
            {ROLE_LABELS[account.role]}
            {account.isOrgAdmin ? "（机构管理员）" : ""}
          </dd>
          <dt className="text-slate-500">所属机构</dt>
          <dd>
            <Link to="/org" className="text-blue-700 underline">
              {account.organizationName}
            </Link>
          </dd>
          <dt className="text-slate-500">注册时间</dt>
          <dd>{formatDate(account.createdAt)}</dd>
        </dl>
        <Form
          method="post"
          {...getFormProps(profileForm)}
          className="mt-4 flex flex-wrap items-end gap-3"
        >
          <input type="hidden" name="intent" value="profile" />
          <TextField
            meta={profileFields.displayName}
            label="姓名"
            autoComplete="name"
            className="min-w-0 flex-1"
          />
          <SubmitButton>保存</SubmitButton>
        </Form>
        {profileSaved ? (
          <p role="status" className="mt-2 text-sm text-green-700">
            已保存。
          </p>
        ) : null}
      </section>

      {matchAlerts ? (
        <MatchAlertSettings
          current={matchAlerts}
          result={actionData?.intent === "matchAlerts" ? actionData.result : null}
        />
      ) : null}

      <section
        aria-labelledby="password-heading"
        className="rounded-lg bg-white p-4 shadow-sm sm:p-6"
      >
        <h2 id="password-heading" className="text-lg font-medium text-slate-900">
          修改密码
        </h2>
        <p className="mt-1 text-sm text-slate-600">修改后，其他设备上的登录将全部退出。</p>
        {passwordChanged ? (
          <div className="mt-3">
            <FormAlert tone="success">
              密码已修改。{actionData.ended ? `已退出其他 ${actionData.ended} 处登录。` : ""}
            </FormAlert>
          </div>
        ) : null}
        <Form method="post" {...getFormProps(passwordForm)} className="mt-4 space-y-4">
          {passwordForm.errors?.length ? (
            <FormAlert id={passwordForm.errorId}>
              <ErrorList errors={passwordForm.errors} />
            </FormAlert>
          ) : null}
          {/* The account name, for password managers (hidden: out of the spacing). */}
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={account.email}
            readOnly
            hidden
          />
          <TextField
            meta={passwordFields.currentPassword}
            label="当前密码"
            type="password"
            autoComplete="current-password"
          />
          <TextField
            meta={passwordFields.newPassword}
            label="新密码"
            type="password"
            autoComplete="new-password"
            hint="至少 10 位"
          />
          <TextField
            meta={passwordFields.confirmPassword}
            label="确认新密码"
            type="password"
            autoComplete="new-password"
          />
          <SubmitButton>修改密码</SubmitButton>
          <input type="hidden" name="intent" value="password" />
        </Form>
      </section>
    </div>
  );
}

/** 匹配提醒: how new matches of the organization's listings are announced (radio buttons, no JS needed). */
function MatchAlertSettings({
  current,
  result,
}: {
  current: MatchAlertFrequency;
  result: SubmissionResult | null;
}) {
  const [form, fields] = useForm({
    id: "match-alerts",
    lastResult: result,
    defaultValue: { frequency: current },
  });
  const saved = result?.status === "success";
  const chosen = (fields.frequency.value as MatchAlertFrequency | undefined) ?? current;
  return (
    <section
      aria-labelledby="match-alerts-heading"
      className="rounded-lg bg-white p-4 shadow-sm sm:p-6"
    >
      <h2 id="match-alerts-heading" className="text-lg font-medium text-slate-900">
        匹配提醒
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        新发布的成果或需求与本单位已发布的信息高度匹配时，通过站内通知和邮件提醒您。
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-3">
        <input type="hidden" name="intent" value="matchAlerts" />
        <fieldset
          aria-describedby={fields.frequency.errors?.length ? fields.frequency.errorId : undefined}
        >
          <legend className="sr-only">提醒方式</legend>
          <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
            {FREQUENCIES.map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="radio"
                  name={fields.frequency.name}
                  value={value}
                  defaultChecked={chosen === value}
                  className="h-4 w-4"
                />
                {MATCH_ALERT_FREQUENCIES[value]}
              </label>
            ))}
          </div>
        </fieldset>
        <ErrorList id={fields.frequency.errorId} errors={fields.frequency.errors} />
        <SubmitButton>保存提醒设置</SubmitButton>
      </Form>
      {saved ? (
        <p role="status" className="mt-2 text-sm text-green-700">
          提醒设置已保存。
        </p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
