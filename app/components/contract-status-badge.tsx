import { CONTRACT_STATUSES, type ContractStatus } from "~/domain/contracts/contract-taxonomy";

const TONES: Record<ContractStatus, string> = {
  submitted: "bg-amber-50 text-amber-800 ring-amber-300",
  registered: "bg-green-50 text-green-800 ring-green-300",
  refused: "bg-red-50 text-red-800 ring-red-300",
  cancelled: "bg-slate-100 text-slate-600 ring-slate-300",
  revoked: "bg-slate-100 text-slate-600 ring-slate-300",
};

/** 已受理 / 已登记 / 不予登记 / 已注销 / 已撤销, plus 超期 when overdue. */
export function ContractStatusBadge({
  status,
  overdue = false,
}: {
  status: ContractStatus;
  overdue?: boolean;
}) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span
        className={`inline-flex shrink-0 items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status]}`}
      >
        {CONTRACT_STATUSES[status]}
      </span>
      {overdue ? (
        <span className="inline-flex items-center whitespace-nowrap rounded-full bg-red-600 px-2 py-0.5 text-xs font-medium text-white">
          超期
        </span>
      ) : null}
    </span>
  );
}
