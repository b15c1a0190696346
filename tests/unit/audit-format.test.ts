/**
 * Money in the audit log and on the contract page: fen fields read as
 * exact 元 (two decimals, thousands separators), never as a bare fen
 * number a clerk could take for 万元.
 */
import { describe, expect, it } from "vitest";
import {
  fenToWanText,
  formatFenValue,
  formatYuanAndWan,
  formatYuanExact,
  isFenField,
} from "~/domain/audit/audit-format";
import { changedFields, contractEntityName } from "~/domain/audit/audit-log.server";

describe("formatYuanExact", () => {
  it("shows fen as 元 with two decimals and thousands separators", () => {
    expect(formatYuanExact(1_000_000)).toBe("10,000.00 元");
    expect(formatYuanExact(1_234_567)).toBe("12,345.67 元");
    expect(formatYuanExact(123_450)).toBe("1,234.50 元");
    expect(formatYuanExact(9_999_999_999)).toBe("99,999,999.99 元");
    expect(formatYuanExact(0)).toBe("0.00 元");
    expect(formatYuanExact(5)).toBe("0.05 元");
    expect(formatYuanExact(-1_234_567)).toBe("-12,345.67 元");
  });

  it("keeps every digit of the 万元 figure", () => {
    expect(fenToWanText(123_450)).toBe("0.12345");
    expect(fenToWanText(9_999_999_999)).toBe("9,999.999999");
    expect(fenToWanText(20_000_000)).toBe("20");
    expect(formatYuanAndWan(123_450)).toBe("1,234.50 元（0.12345 万元）");
  });
});

describe("formatFenValue", () => {
  it("formats camelCase and snake_case fen fields only", () => {
    expect(isFenField("contractAmountFen")).toBe(true);
    expect(isFenField("asking_price_fen")).toBe(true);
    expect(isFenField("fence")).toBe(false);
    expect(formatFenValue("contractAmountFen", 1_234_567)).toBe("12,345.67 元");
    expect(formatFenValue("budget_max_fen", "500000")).toBe("5,000.00 元");
    expect(formatFenValue("contractName", 1_234_567)).toBeNull();
    expect(formatFenValue("contractAmountFen", "面议")).toBeNull();
  });
});

describe("audit log changes", () => {
  it("shows an amendment's amounts in 元 under zh-CN labels", () => {
    const changes = changedFields(
      { contractAmountFen: 1_000_000 },
      { contractAmountFen: 1_234_567, reason: "补充协议" },
    );
    expect(changes).toEqual([
      {
        field: "contractAmountFen",
        label: "成交额",
        before: "10,000.00 元",
        after: "12,345.67 元",
      },
      { field: "reason", label: "原因", before: "—", after: "补充协议" },
    ]);
  });

  it("labels snake_case price fields without the （分） unit", () => {
    const [change] = changedFields({ asking_price_fen: null }, { asking_price_fen: 20_000_000 });
    expect(change).toMatchObject({ label: "参考价格", after: "200,000.00 元" });
  });

  it("names a contract with its registration number when it has one", () => {
    expect(contractEntityName("管道技术开发合同", "2026130901000001")).toBe(
      "管道技术开发合同（登记号 2026130901000001）",
    );
    expect(contractEntityName("管道技术开发合同", null)).toBe("管道技术开发合同");
  });
});
