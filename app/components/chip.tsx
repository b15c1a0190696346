const TONES = {
  field: "bg-blue-50 text-blue-800 ring-blue-200",
  maturity: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  mode: "bg-slate-100 text-slate-700 ring-slate-200",
} as const;

/** A small label for a taxonomy value (技术领域, 成熟度, 转化方式). */
export function Chip({ tone, children }: { tone: keyof typeof TONES; children: string }) {
  return (
    <span
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}
