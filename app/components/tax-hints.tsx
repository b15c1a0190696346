import { TAX_HINTS_DISCLAIMER, type TaxHint } from "~/domain/contracts/tax-hints";

/** The tax hints of a registered contract, each with its conditions and citations. */
export function TaxHints({ hints, compact = false }: { hints: TaxHint[]; compact?: boolean }) {
  if (hints.length === 0) return null;
  return (
    <div className="space-y-3 text-sm">
      {hints.map((hint) => (
        <div
          key={hint.kind}
          className="rounded-md border border-emerald-200 bg-emerald-50 p-3 print:border-slate-400 print:bg-white"
        >
          <p className="font-medium text-emerald-900 print:text-black">
            {hint.title}（{hint.party}）
          </p>
          <p className="mt-1 text-slate-700">{hint.summary}</p>
          {compact ? null : (
            <ul className="mt-1 list-disc pl-5 text-slate-600">
              {hint.conditions.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
          <p className="mt-1 text-xs text-slate-500">依据：{hint.citations.join("；")}</p>
        </div>
      ))}
      <p className="text-xs text-slate-500">{TAX_HINTS_DISCLAIMER}</p>
    </div>
  );
}
