import { describe, expect, it } from "vitest";
import { taxHintsFor } from "../../app/domain/contracts/tax-hints";

const base = {
  status: "registered",
  contractType: "development",
  contractSubtype: "commissioned",
  techTransactionAmountFen: 100_000_000,
  validFrom: null,
  validUntil: null,
};

describe("taxHintsFor", () => {
  it("gives VAT and R&D deduction hints for registered development contracts", () => {
    const hints = taxHintsFor(base);
    expect(hints.map((h) => h.kind)).toEqual(["vat", "rd_deduction"]);
    expect(hints[0]!.citations[0]).toContain("财税〔2016〕36号");
    expect(hints[1]!.citations).toContain("财政部 税务总局公告2023年第7号");
  });

  it("gives VAT and income-tax hints for transfers and licences, citing 第九十条", () => {
    const hints = taxHintsFor({
      ...base,
      contractType: "transfer",
      contractSubtype: "patent_right",
      techTransactionAmountFen: 600_000_000,
    });
    expect(hints.map((h) => h.kind)).toEqual(["vat", "income_tax"]);
    expect(hints[1]!.citations).toContain("《企业所得税法实施条例》第九十条");
    expect(hints[1]!.conditions.join()).toContain("超过部分的所得减半征收");
    const shortLicence = taxHintsFor({
      ...base,
      contractType: "license",
      contractSubtype: "patent_ordinary",
      validFrom: "2026-01-01",
      validUntil: "2028-12-31",
    });
    expect(shortLicence[1]!.conditions.join()).toContain("不足 5 年");
    const fiveYears = taxHintsFor({
      ...base,
      contractType: "license",
      contractSubtype: "patent_ordinary",
      validFrom: "2026-01-01",
      validUntil: "2030-12-31",
    });
    expect(fiveYears[1]!.conditions.join()).not.toContain("不足 5 年");
  });

  it("gives nothing for consulting, services or unregistered contracts", () => {
    expect(taxHintsFor({ ...base, contractType: "service", contractSubtype: "service" })).toEqual(
      [],
    );
    expect(taxHintsFor({ ...base, status: "submitted" })).toEqual([]);
    expect(taxHintsFor({ ...base, status: "revoked" })).toEqual([]);
  });
});
