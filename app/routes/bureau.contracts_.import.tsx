/**
 * 台账导入 (/bureau/contracts/import): a registration station's existing
 * contract ledger (XLSX) is uploaded here, read and checked row by row, and
 * stored as a batch to preview at /bureau/contracts/import/:batchId. Links
 * to the template and lists recent batches. Works without JavaScript (a
 * plain multipart form).
 */
import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  MaxPartSizeExceededError,
  data,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SelectField, SubmitButton } from "~/components/form-fields";
import {
  Notice,
  PageHeader,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from "~/components/work-queue";
import { listStations } from "~/domain/contracts/stations.server";
import { listImportBatches, previewLedgerImport } from "~/domain/imports/import-batches.server";
import { IMPORT_STATUS_LABELS } from "~/domain/imports/import-types";
import { LEDGER_COLUMNS, MAX_LEDGER_ROWS } from "~/domain/imports/ledger-columns";
import { services } from "~/services.server";
import { formatDateTime } from "~/utils/date-time";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `台账导入 - ${siteNameOf(matches)}` }];

/** Largest upload: a 20,000-row ledger is about 3 MB. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_FILE_MB = MAX_FILE_BYTES / 1024 / 1024;

const schema = z.object({
  stationId: z.coerce
    .number({ error: "请选择登记站" })
    .int("请选择登记站")
    .positive("请选择登记站")
    .max(2_147_483_647, "请选择登记站"),
  file: z
    .instanceof(File, { message: "请选择要上传的台账文件（.xlsx）" })
    .refine((f) => f.size > 0, "请选择要上传的台账文件（.xlsx）")
    .refine(
      (f) => /\.xlsx$/i.test(f.name),
      "只能上传 Excel .xlsx 文件（旧版 .xls 请先另存为 .xlsx）",
    ),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "contracts.import");
  const { db } = await services();
  const [stations, batches] = await Promise.all([listStations(db), listImportBatches(db, 10)]);
  return { stations: stations.filter((s) => s.active), batches };
}

/** The posted form: multipart with the file held in memory (≤ MAX_FILE_BYTES), or plain fields. */
async function readForm(request: Request): Promise<FormData | "too_large"> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    return request.formData();
  }
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "too_large";
    throw error;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contracts.import");
  const form = await readForm(request);
  if (form === "too_large") {
    const reply: SubmissionResult<string[]> = {
      status: "error",
      initialValue: {},
      error: { file: [`文件超过 ${MAX_FILE_MB} MB，请拆分台账后分批上传`] },
    };
    return data(reply, { status: 400 });
  }
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["file"] }), { status: 400 });
  }
  const { db, config } = await services();
  const { file, stationId } = submission.value;
  let id: number;
  try {
    ({ id } = await previewLedgerImport(
      db,
      { ...user, ip: knownClientIp(request) },
      {
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        stationId,
        homeCityCode: config.HOME_REGION_CODE,
      },
    ));
  } catch (error) {
    return replyWithDomainError(submission, error, { hideFields: ["file"] });
  }
  return redirect(`/bureau/contracts/import/${id}`);
}

export default function ContractImport() {
  const { stations, batches } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<{ stationId: string; file: File }>({
    lastResult,
    defaultValue: { stationId: stations.length === 1 ? String(stations[0]!.id) : undefined },
    shouldValidate: "onSubmit",
  });
  const uploading = navigation.state === "submitting";

  return (
    <div className="max-w-4xl">
      <PageHeader
        title="台账导入"
        description="把登记站已有的技术合同登记台账（Excel .xlsx）导入系统：上传后先逐行检查并预览，确认无误后一次性写入；有任何错误时不会导入，重复的登记号会被跳过。"
        actions={
          <a
            href="/bureau/contracts/import/template.xlsx"
            className={secondaryButtonClass}
            download
          >
            下载导入模板
          </a>
        }
      />
      {stations.length === 0 ? (
        <Notice tone="error">尚未设置登记站，请联系系统管理员添加登记站后再导入。</Notice>
      ) : (
        <Form
          method="post"
          encType="multipart/form-data"
          {...getFormProps(form)}
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
        >
          <FormAlert id={form.errorId}>{form.errors?.join("；")}</FormAlert>
          <SelectField
            meta={fields.stationId}
            label="登记站"
            placeholder={stations.length > 1 ? "请选择" : undefined}
          >
            {stations.map((s) => (
              <option key={s.id} value={s.id}>
                {s.stationCode} {s.name}
              </option>
            ))}
          </SelectField>
          <div>
            <label htmlFor={fields.file.id} className="block text-sm font-medium text-slate-700">
              台账文件（.xlsx，不超过 {MAX_FILE_MB} MB、{MAX_LEDGER_ROWS.toLocaleString("zh-CN")}{" "}
              行）
            </label>
            <input
              {...getInputProps(fields.file, { type: "file" })}
              key={fields.file.key}
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
              className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2"
            />
            <ErrorList id={fields.file.errorId} errors={fields.file.errors} />
          </div>
          <SubmitButton>{uploading ? "正在检查…" : "上传并预览"}</SubmitButton>
        </Form>
      )}

      <details className="mt-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <summary className="cursor-pointer font-medium">台账各列及填写要求</summary>
        <ul className="mt-2 space-y-1 text-slate-700">
          {LEDGER_COLUMNS.map((c) => (
            <li key={c.key}>
              <strong>{c.header}</strong>
              {c.required ? <span className="text-red-700">（必填）</span> : "（选填）"}
              {c.note ? `：${c.note}` : ""}
            </li>
          ))}
        </ul>
      </details>

      <h2 className="mb-2 mt-6 text-lg font-semibold text-slate-900">最近的导入</h2>
      {batches.length === 0 ? (
        <p className="text-sm text-slate-500">还没有导入过台账。</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass} aria-label="最近的导入">
            <thead>
              <tr>
                <th className={thClass}>文件</th>
                <th className={`${thClass} hidden sm:table-cell`}>上传时间</th>
                <th className={thClass}>状态</th>
                <th className={`${thClass} text-right`}>行数 / 已导入</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {batches.map((b) => (
                <tr key={b.id}>
                  <td className={tdClass}>
                    <Link
                      to={`/bureau/contracts/import/${b.id}`}
                      className="text-blue-700 hover:underline"
                    >
                      {b.fileName}
                    </Link>
                    <span className="block text-xs text-slate-500">{b.uploadedBy ?? "—"}</span>
                  </td>
                  <td className={`${tdClass} hidden whitespace-nowrap tabular-nums sm:table-cell`}>
                    {formatDateTime(b.createdAt)}
                  </td>
                  <td className={tdClass}>{IMPORT_STATUS_LABELS[b.status]}</td>
                  <td className={`${tdClass} text-right tabular-nums`}>
                    {b.totalRows} / {b.insertedCount ?? "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
