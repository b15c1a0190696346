/**
 * Ledger cells to exact strings: dates from date cells, Excel serials and
 * the text clerks type; identifiers that Excel may have truncated; rich
 * text and formula results.
 */
import { describe, expect, it } from "vitest";
import { cellAmount, cellCode, cellDate, cellText } from "../../app/domain/imports/ledger-cells";
import { columnForHeader } from "../../app/domain/imports/ledger-columns";

describe("cellDate", () => {
  it.each([
    ["2026-03-05", "2026-03-05"],
    ["2026/3/5", "2026-03-05"],
    ["2026.3.5", "2026-03-05"],
    ["2026年3月5日", "2026-03-05"],
    ["20260305", "2026-03-05"],
    ["２０２６－０３－０５", "2026-03-05"],
  ])("reads the text %s", (text, iso) => {
    expect(cellDate(text)).toEqual({ ok: true, value: iso });
  });

  it("reads date cells (UTC midnight) and Excel serials", () => {
    expect(cellDate(new Date(Date.UTC(2026, 2, 5)))).toEqual({ ok: true, value: "2026-03-05" });
    expect(cellDate(46086)).toEqual({ ok: true, value: "2026-03-05" });
    expect(cellDate({ formula: "DATE(2026,3,5)", result: 46086 })).toEqual({
      ok: true,
      value: "2026-03-05",
    });
  });

  it("refuses what is not a day", () => {
    expect(cellDate("2026-02-30")).toEqual({
      ok: false,
      message: "日期 2026-2-30 不存在或超出范围",
    });
    expect(cellDate(46086.5).ok).toBe(false);
    expect(cellDate("下周一")).toEqual({
      ok: false,
      message: "“下周一”不是日期，请填写如 2026-03-05 的日期",
    });
  });
});

describe("cellCode and cellText", () => {
  it("keeps identifiers typed as text, upper-cased, without spaces", () => {
    expect(cellCode(" 91130921ma00000156 ")).toEqual({ ok: true, value: "91130921MA00000156" });
    expect(cellCode(130921)).toEqual({ ok: true, value: "130921" });
  });

  it("refuses numbers Excel has cut to 15 significant digits", () => {
    expect(cellCode(2026130901000000).ok).toBe(false);
  });

  it("reads rich text and formula results", () => {
    expect(cellText({ richText: [{ text: "沧州" }, { text: "某公司" }] })).toEqual({
      ok: true,
      value: "沧州某公司",
    });
    expect(cellText({ formula: "A1", result: "合同" })).toEqual({ ok: true, value: "合同" });
    expect(cellText({ error: "#N/A" }).ok).toBe(false);
  });
});

describe("cellAmount", () => {
  it("reads a formula result within float noise of 2 decimals as that amount", () => {
    expect(cellAmount(0.1 + 0.2)).toBe(0.3);
    expect(String(cellAmount(0.1 + 0.2))).toBe("0.3");
    expect(cellAmount(1.1 * 3)).toBe(3.3);
    expect(cellAmount(1234.5)).toBe(1234.5);
    expect(cellAmount(100)).toBe(100);
  });

  it("leaves other numbers as they are, for the 2-decimal rule to refuse", () => {
    expect(cellAmount(1.234)).toBe(1.234);
    expect(cellAmount(0.005)).toBe(0.005);
    expect(cellAmount(0.30001)).toBe(0.30001);
  });
});

describe("columnForHeader", () => {
  it("matches headers loosely and by alias", () => {
    expect(columnForHeader("成交额(元)*")?.key).toBe("contractAmount");
    expect(columnForHeader(" 合同 金额 ")?.key).toBe("contractAmount");
    expect(columnForHeader("方向")?.key).toBe("direction");
    expect(columnForHeader("备注")).toBeUndefined();
  });
});
