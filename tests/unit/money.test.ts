import { describe, expect, it } from "vitest";
import { formatBudget, formatWan, formatWanOrYi } from "../../app/utils/money";

describe("money display (fen → 万元)", () => {
  it("shows 万元 with at most two decimals, 面议 for null", () => {
    expect(formatWan(20_000_000)).toBe("20万元");
    expect(formatWan(123_456_789)).toBe("123.46万元");
    expect(formatWan(1)).toBe("0.01元");
    expect(formatWan(0)).toBe("0万元");
    expect(formatWan(null)).toBe("面议");
  });

  it("switches to 亿元 from 1亿元", () => {
    expect(formatWanOrYi(10_000_000_000)).toBe("1亿元");
    expect(formatWanOrYi(9_999_000_000)).toBe("9,999万元");
  });

  it("formats budget ranges", () => {
    expect(formatBudget(10_000_000, 50_000_000)).toBe("10–50万元");
    expect(formatBudget(null, null)).toBe("面议");
    expect(formatBudget(10_000_000, null)).toBe("≥10万元");
    expect(formatBudget(null, 50_000_000)).toBe("≤50万元");
  });
});
