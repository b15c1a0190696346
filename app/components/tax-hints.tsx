import { TAX_HINTS_DISCLAIMER, type TaxHint } from "~/domain/contracts/tax-hints";

/**
 * The tax hints of a registered contract, each with its conditions and
 * citations. `compact` (the certificate) drops the conditions and, in
 * print, sets the hints in small type so the certificate keeps to one A4
 * page: they are hints beside the certificate, not part of it.
 */
export function TaxHints({ hints, compact = false }: { hints: TaxHint[]; compact?: boolean }) {
  if (hints.length === 0) return null;
  const print = compact ? "print:space-y-1 print:text-[8pt] print:leading-snug" : "";
  return (
    <div className={`space-y-3 text-sm ${print}`}>
      {hints.map((hint) => (
        <div
          key={hint.kind}
          className={`rounded-md border border-emerald-200 bg-emerald-50 p-3 print:border-slate-400 print:bg-white ${compact ? "print:px-2 print:py-1" : ""}`}
        >
          <p className="font-medium text-emerald-900 print:text-black">
            {hint.title}（{hint.party}）
          </p>
          <p className={`mt-1 text-slate-700 ${compact ? "print:mt-0" : ""}`}>{hint.summary}</p>
          {compact ? null : (
            <ul className="mt-1 list-disc pl-5 text-slate-600">
              {hint.conditions.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
          <p
            className={`mt-1 text-xs text-slate-500 ${compact ? "print:mt-0 print:text-[7pt]" : ""}`}
          >
            依据：{hint.citations.join("；")}
          </p>
        </div>
      ))}
      <p className={`text-xs text-slate-500 ${compact ? "print:text-[7pt]" : ""}`}>
        {TAX_HINTS_DISCLAIMER}
      </p>
    </div>
  );
}
