/**
 * The annual-target grid form (/admin/targets): one input per county and
 * metric, amounts typed in 万元 (exact to the fen via parseWan), counts as
 * whole numbers; an empty input clears the target. A pasted block from
 * Excel (county name or code, then the four metrics in grid order,
 * separated by tabs or commas) fills the grid instead.
 * Shared by server and browser: no database.
 */
import type { TargetMetric } from "../../../db/schema";
import { parseWan } from "../../utils/money-input";

export const GRID_METRICS: TargetMetric[] = [
  "contract_amount",
  "tech_transaction_amount",
  "absorption_amount",
  "contract_count",
];

/** Input name of a grid cell: "t_130921_contract_amount". */
export const cellName = (region: string, metric: TargetMetric) => `t_${region}_${metric}`;

export interface GridParse {
  values: { regionCode: string; metric: TargetMetric; value: number }[];
  /** Input name → zh-CN problem. */
  errors: Record<string, string>;
  /** Input name → the text as submitted (kept on errors). */
  raw: Record<string, string>;
}

function parseCell(
  metric: TargetMetric,
  text: string,
): { ok: true; value: number } | { ok: false; message: string } {
  if (metric === "contract_count") {
    const t = text.replace(/[,，\s份]/g, "");
    return /^\d{1,9}$/.test(t)
      ? { ok: true, value: Number(t) }
      : { ok: false, message: "请输入整数（份）" };
  }
  const parsed = parseWan(text);
  return parsed.ok ? { ok: true, value: parsed.fen } : { ok: false, message: parsed.message };
}

/** Reads the grid (or the pasted block when `paste` is not empty) for `counties`. */
export function parseTargetGrid(
  form: { get(name: string): FormDataEntryValue | null },
  counties: readonly { code: string; label: string }[],
): GridParse {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const raw: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const paste = text("paste").trim();
  if (paste) {
    for (const [i, line] of paste.split(/\r?\n/).entries()) {
      if (!line.trim()) continue;
      const cells = line.split(/\t|,/).map((c) => c.trim());
      const county = counties.find((c) => c.code === cells[0] || c.label === cells[0]);
      if (!county) {
        // A header row pasted along is skipped; any other unknown name is an error.
        if (i === 0 && !/\d/.test(line)) continue;
        errors.paste = `第 ${i + 1} 行：“${(cells[0] ?? "").slice(0, 20)}”不是本市的县（市、区）`;
        continue;
      }
      GRID_METRICS.forEach((metric, j) => {
        raw[cellName(county.code, metric)] = cells[j + 1] ?? "";
      });
    }
  } else {
    for (const c of counties) {
      for (const metric of GRID_METRICS) {
        raw[cellName(c.code, metric)] = text(cellName(c.code, metric)).trim();
      }
    }
  }
  const values: GridParse["values"] = [];
  for (const c of counties) {
    for (const metric of GRID_METRICS) {
      const name = cellName(c.code, metric);
      const text = raw[name] ?? "";
      if (!text) continue;
      const parsed = parseCell(metric, text);
      if (parsed.ok) values.push({ regionCode: c.code, metric, value: parsed.value });
      else errors[name] = `${c.label}：${parsed.message}`;
    }
  }
  return { values, errors, raw };
}
