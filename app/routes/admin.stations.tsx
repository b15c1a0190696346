/**
 * 登记站 (/admin/stations): administrators ("stations.manage") add a
 * registration station (its 2-digit code is part of every registration
 * number and never changes), rename one, and deactivate or reactivate it.
 * Plain forms, no JavaScript needed.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  FieldErrors,
  Notice,
  PageHeader,
  buttonClass,
  inputClass,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from "~/components/work-queue";
import {
  createStation,
  listStations,
  renameStation,
  setStationActive,
} from "~/domain/contracts/stations.server";
import { homeCounties, regionMap } from "~/domain/regions/regions.server";
import { services } from "~/services.server";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `登记站 - ${siteNameOf(matches)}` }];

const id = z.coerce.number().int().positive().max(2_147_483_647);
const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("create"),
      stationCode: z.string({ error: "请填写站点代码" }).regex(/^\d{2}$/, "应为 2 位数字，如 02"),
      name: z.string({ error: "请填写名称" }).trim().min(2, "至少 2 个字").max(60, "最多 60 个字"),
      regionCode: z.string({ error: "请选择所在地区" }),
    }),
    z.object({
      intent: z.literal("rename"),
      id,
      name: z.string({ error: "请填写名称" }).trim().min(2, "至少 2 个字").max(60, "最多 60 个字"),
    }),
    z.object({ intent: z.literal("deactivate"), id }),
    z.object({ intent: z.literal("activate"), id }),
  ],
  { error: "未知的操作" },
);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "stations.manage");
  const { db, config } = await services();
  const [stations, counties, regions] = await Promise.all([
    listStations(db),
    homeCounties(db, config.HOME_REGION_CODE),
    regionMap(db),
  ]);
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    stations: stations.map((s) => ({
      ...s,
      regionName: regions.get(s.regionCode)?.name ?? s.regionCode,
    })),
    regions: [
      { code: config.HOME_REGION_CODE, name: regions.get(config.HOME_REGION_CODE)?.name ?? "本市" },
      ...counties.map((c) => ({ code: c.code, name: c.name })),
    ],
    notice: notice === "saved" ? "已保存。" : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "stations.manage");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { db } = await services();
  const actor = { ...user, ip: knownClientIp(request) };
  const v = submission.value;
  try {
    if (v.intent === "create") await createStation(db, v, actor);
    else if (v.intent === "rename") await renameStation(db, v.id, v.name, actor);
    else await setStationActive(db, v.id, v.intent === "activate", actor);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect("/admin/stations?notice=saved");
}

export default function Stations() {
  const { stations, regions, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = Object.entries(result?.error ?? {}).flatMap(([, messages]) => messages ?? []);
  return (
    <div>
      <PageHeader
        title="登记站"
        description="站点代码（2 位）是登记号的第 9–10 位，创建后不能修改。停用的登记站不再受理新合同，已发登记号不受影响。"
      />
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {errors.length ? (
        <Notice tone="error">
          <FieldErrors errors={errors} />
        </Notice>
      ) : null}
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className={tableClass}>
          <thead>
            <tr>
              <th className={thClass}>代码</th>
              <th className={thClass}>名称</th>
              <th className={thClass}>地区</th>
              <th className={thClass}>状态</th>
              <th className={thClass}>操作</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {stations.map((s) => (
              <tr key={s.id}>
                <td className={`${tdClass} font-mono`}>{s.stationCode}</td>
                <td className={tdClass}>
                  <Form method="post" className="flex gap-2">
                    <input type="hidden" name="intent" value="rename" />
                    <input type="hidden" name="id" value={s.id} />
                    <input
                      name="name"
                      defaultValue={s.name}
                      aria-label={`${s.stationCode} 名称`}
                      className={inputClass}
                    />
                    <button type="submit" className={secondaryButtonClass}>
                      改名
                    </button>
                  </Form>
                </td>
                <td className={tdClass}>{s.regionName}</td>
                <td className={tdClass}>{s.active ? "启用" : "已停用"}</td>
                <td className={tdClass}>
                  <Form method="post">
                    <input
                      type="hidden"
                      name="intent"
                      value={s.active ? "deactivate" : "activate"}
                    />
                    <input type="hidden" name="id" value={s.id} />
                    <button type="submit" className={secondaryButtonClass}>
                      {s.active ? "停用" : "启用"}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form
        method="post"
        className="mt-6 grid max-w-2xl gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-4"
      >
        <input type="hidden" name="intent" value="create" />
        <h2 className="font-semibold text-slate-900 sm:col-span-4">新增登记站</h2>
        <label className="text-xs text-slate-600">
          站点代码
          <input
            name="stationCode"
            inputMode="numeric"
            maxLength={2}
            required
            className={inputClass}
          />
        </label>
        <label className="text-xs text-slate-600 sm:col-span-2">
          名称
          <input name="name" required className={inputClass} />
        </label>
        <label className="text-xs text-slate-600">
          地区
          <select name="regionCode" className={inputClass}>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <div className="sm:col-span-4">
          <button type="submit" className={buttonClass}>
            新增
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
