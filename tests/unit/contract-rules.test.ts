import { describe, expect, it } from "vitest";
import {
  parseContractListParams,
  periodRange,
} from "../../app/domain/contracts/contract-list-filters";
import { isOverdue, processingDeadline } from "../../app/domain/contracts/contract-rules";
import {
  addWorkingDays,
  hasHolidayData,
  isWorkingDay,
} from "../../app/domain/contracts/working-days";
import {
  formatRegistrationNumber,
  parseRegistrationNumber,
} from "../../app/domain/contracts/registration-number.server";

describe("working days", () => {
  it("skips 2026 holidays and counts swapped working Saturdays", () => {
    expect(hasHolidayData(2026)).toBe(true);
    expect(isWorkingDay("2026-10-01")).toBe(false); // 国庆
    expect(isWorkingDay("2026-10-10")).toBe(true); // Saturday worked (调休)
    expect(isWorkingDay("2026-02-14")).toBe(true); // Saturday worked before 春节
    expect(isWorkingDay("2026-02-16")).toBe(false); // 春节, a Monday
    expect(addWorkingDays("2026-09-30", 1)).toEqual({ day: "2026-10-08", estimated: false });
  });

  it("falls back to Monday–Friday in years without data and says so", () => {
    const year = [2027, 2028, 2029, 2030].find((y) => !hasHolidayData(y))!;
    expect(year).toBeDefined();
    expect(isWorkingDay(`${year}-01-01`)).toBe(
      new Date(`${year}-01-01T00:00:00Z`).getUTCDay() % 6 !== 0,
    );
    const result = addWorkingDays(`${year - 1}-12-30`, 15);
    expect(result.estimated).toBe(true);
    expect(addWorkingDays("2026-06-01", 5).estimated).toBe(false);
  });

  it("sets 15 or 30 working days at 500万元 = 500,000,000 fen", () => {
    expect(processingDeadline("2026-06-15", 499_999_999)).toMatchObject({ workingDays: 15 });
    expect(processingDeadline("2026-06-15", 500_000_000)).toMatchObject({ workingDays: 30 });
    // 端午 2026-06-19 is off: 15 working days after Monday 06-15 end on 07-07.
    expect(processingDeadline("2026-06-15", 1).dueOn).toBe("2026-07-07");
  });

  it("flags submitted contracts after the deadline only", () => {
    expect(isOverdue({ status: "submitted", dueOn: "2026-07-07" }, "2026-07-07")).toBe(false);
    expect(isOverdue({ status: "submitted", dueOn: "2026-07-07" }, "2026-07-08")).toBe(true);
    expect(isOverdue({ status: "registered", dueOn: "2026-07-07" }, "2026-08-01")).toBe(false);
  });
});

describe("registration numbers", () => {
  it("are year + province-and-city + station + 6-digit sequence", () => {
    expect(formatRegistrationNumber(2026, "130900", "01", 42)).toBe("2026130901000042");
    expect(parseRegistrationNumber("2026130901000042")).toEqual({
      year: 2026,
      provinceCity: "1309",
      stationCode: "01",
      sequence: 42,
    });
    expect(parseRegistrationNumber("20261309010000")).toBeNull();
  });
});

describe("contract list URL filters", () => {
  const counties = new Set(["130900", "130921", "130981"]);
  it("reads the drill-down URL", () => {
    const { filters, notices } = parseContractListParams(
      new URLSearchParams(
        "year=2026&month=3&quarter=1&status=registered&direction=output&sellerCounty=130921&buyerCounty=130981&type=development&field=new_materials&platform=1&jingjin=1&q=管道",
      ),
      counties,
    );
    expect(notices).toEqual([]);
    expect(filters).toMatchObject({
      year: 2026,
      month: 3,
      quarter: 1,
      status: "registered",
      direction: "output",
      sellerCounty: "130921",
      buyerCounty: "130981",
      type: "development",
      field: "new_materials",
      platform: true,
      jingjin: true,
      q: "管道",
      page: 1,
    });
    expect(periodRange(filters)).toEqual({ from: "2026-03-01", to: "2026-04-01" });
    expect(periodRange({ page: 1, year: 2026, quarter: 4 })).toEqual({
      from: "2026-10-01",
      to: "2027-01-01",
    });
  });

  it("drops invalid values with a zh-CN notice instead of failing", () => {
    const { filters, notices } = parseContractListParams(
      new URLSearchParams(
        "year=20x6&month=13&status=lost&sellerCounty=110108&platform=yes&type=<script>",
      ),
      counties,
    );
    expect(filters).toEqual({ page: 1 });
    expect(notices).toHaveLength(6);
    expect(notices.join()).toContain("不是本市的县（市、区）");
    const mismatch = parseContractListParams(
      new URLSearchParams("year=2026&month=5&quarter=1"),
      counties,
    );
    expect(mismatch.filters).toMatchObject({ month: 5, quarter: undefined });
    expect(mismatch.notices).toEqual(["5 月不在第 1 季度，已按月份筛选"]);
  });
});
