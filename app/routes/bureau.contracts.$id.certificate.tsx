/**
 * 技术合同登记证明 (/bureau/contracts/:id/certificate): the printable
 * certificate of a registered output contract — registration number,
 * parties, amounts in 元 and 万元 with the Chinese upper-case amount,
 * dates, station and a seal placeholder, plus tax hints. A4 print CSS
 * (app/styles/tailwind.css); the site's header, footer and the bureau tabs
 * are hidden when printed.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton } from "~/components/print-button";
import { TaxHints } from "~/components/tax-hints";
import { contractDetail } from "~/domain/contracts/contract-detail.server";
import { CONTRACT_SUBTYPES, CONTRACT_TYPES } from "~/domain/contracts/contract-taxonomy";
import { ConflictError } from "~/domain/errors";
import { IP_TYPES, PARTY_TYPES, TECH_FIELDS, labelOf } from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { chineseUppercaseAmount } from "~/utils/chinese-amount";
import { formatDate } from "~/utils/date";
import { domainErrorToResponse, parseId } from "~/utils/http.server";
import { siteNameOf } from "~/utils/meta";
import { fenToYuanInput } from "~/utils/money-input";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `技术合同登记证明 ${data?.contract.registrationNumber ?? ""} - ${siteNameOf(matches)}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "contracts.read");
  const id = parseId(params.id, "合同");
  const { db } = await services();
  const detail = await contractDetail(db, id, formatDate(Date.now()));
  const c = detail.contract;
  if (c.direction !== "output" || c.status !== "registered" || !c.registrationNumber) {
    domainErrorToResponse(
      new ConflictError("no_certificate", "只有本站已登记（且未注销、撤销）的合同才有登记证明"),
    );
  }
  return detail;
}

/** "1,234,567.89 元（123.456789 万元）" — exact, from fen. */
function amountText(fen: number): string {
  const yuan = fenToYuanInput(fen);
  const [whole = "0", cents = "00"] = yuan.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const wan = `${Math.floor(fen / 1_000_000)}.${String(fen % 1_000_000).padStart(6, "0")}`.replace(
    /\.?0+$/,
    "",
  );
  return `${grouped}.${cents} 元（${wan} 万元）`;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <tr>
      <th className="w-32 border border-slate-400 bg-slate-50 px-3 py-2 text-left font-medium print:bg-white print:py-1">
        {label}
      </th>
      <td className="border border-slate-400 px-3 py-2 print:py-1">{children}</td>
    </tr>
  );
}

export default function Certificate() {
  const d = useLoaderData<typeof loader>();
  const c = d.contract;
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-3 print:hidden">
        <Link to={`/bureau/contracts/${c.id}`} className="text-sm text-blue-700 hover:underline">
          ‹ 返回合同
        </Link>
        <PrintButton />
        <span className="text-sm text-slate-500">A4 纸张；打印时不显示网站导航。</span>
      </div>
      <article
        data-testid="certificate"
        className="mx-auto max-w-[210mm] bg-white p-8 text-[15px] leading-relaxed text-black shadow print:max-w-none print:p-0 print:text-[11pt] print:leading-normal print:shadow-none"
      >
        <h1 className="text-center text-2xl font-bold tracking-widest">技术合同登记证明</h1>
        <p className="mt-4 text-right print:mt-2">
          登记号：<span className="font-mono text-lg font-semibold">{c.registrationNumber}</span>
        </p>
        <table className="mt-3 w-full border-collapse text-left print:mt-2">
          <tbody>
            <Row label="合同名称">{c.contractName}</Row>
            <Row label="合同类别">
              {labelOf(CONTRACT_TYPES, c.contractType)} ·{" "}
              {labelOf(CONTRACT_SUBTYPES[c.contractType] ?? {}, c.contractSubtype)}
            </Row>
            <Row label="技术领域">{labelOf(TECH_FIELDS, c.techField)}</Row>
            <Row label="知识产权">{labelOf(IP_TYPES, c.ipType)}</Row>
            <Row label="卖方">
              {c.sellerName}
              {c.sellerUscc ? `（统一社会信用代码 ${c.sellerUscc}）` : ""}
              <br />
              {d.sellerRegionName} · {labelOf(PARTY_TYPES, c.sellerPartyType)}
            </Row>
            <Row label="买方">
              {c.buyerName}
              {c.buyerUscc ? `（统一社会信用代码 ${c.buyerUscc}）` : ""}
              <br />
              {d.buyerRegionName} · {labelOf(PARTY_TYPES, c.buyerPartyType)}
            </Row>
            <Row label="成交额">
              {amountText(c.contractAmountFen)}
              <br />
              大写：{chineseUppercaseAmount(c.contractAmountFen)}
            </Row>
            <Row label="技术交易额">
              {amountText(c.techTransactionAmountFen)}
              <br />
              大写：{chineseUppercaseAmount(c.techTransactionAmountFen)}
            </Row>
            <Row label="签订日期">{c.signedOn}</Row>
            {c.validFrom || c.validUntil ? (
              <Row label="有效期">
                {c.validFrom ?? "—"} 至 {c.validUntil ?? "—"}
              </Row>
            ) : null}
            <Row label="登记日期">{c.registeredOn}</Row>
          </tbody>
        </table>
        <p className="mt-4 print:mt-2">经审查，上述合同符合技术合同认定规则，准予登记。</p>
        {d.taxHints.length > 0 ? (
          <section className="mt-4 break-inside-avoid print:mt-2">
            <h2 className="mb-2 font-semibold print:mb-1 print:text-[9pt]">
              税收优惠提示（供参考，不属于登记证明内容）
            </h2>
            <TaxHints hints={d.taxHints} compact />
          </section>
        ) : null}
        <div className="mt-10 flex break-inside-avoid items-end justify-between gap-6 print:mt-4">
          <div className="text-sm text-slate-600">
            <p>登记机构：{d.station?.name}</p>
            <p>登记日期：{c.registeredOn}</p>
          </div>
          <div
            aria-label="印章位置"
            className="flex h-36 w-36 shrink-0 items-center justify-center rounded-full border-2 border-dashed border-red-400 p-4 text-center text-xs leading-snug text-red-500"
          >
            {d.station?.name}
            <br />
            （盖章）
          </div>
        </div>
      </article>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
