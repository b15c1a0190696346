import { describe, expect, it } from "vitest";
import { parseContractFields } from "../../app/domain/contracts/contract-input";
import { fictionalUscc } from "../../app/domain/organizations/uscc";
import { fenToYuanInput, parseYuan } from "../../app/utils/money-input";

const context = {
  regions: new Set(["130900", "130921", "130981", "110108", "120000"]),
  today: "2026-11-30",
};

const valid = {
  contractName: "耐腐蚀保温管道技术开发合同",
  contractType: "development",
  contractSubtype: "commissioned",
  sellerName: "沧州某某新材料有限公司",
  sellerUscc: fictionalUscc("91", "130921", 1),
  sellerRegionCode: "130921",
  sellerPartyType: "150",
  buyerName: "黄骅某某管业有限公司",
  buyerUscc: "",
  buyerRegionCode: "130981",
  buyerPartyType: "170",
  contractAmount: "99999999.99",
  techTransactionAmount: "0.01",
  signedOn: "2026-03-05",
  validFrom: "2026-03-05",
  validUntil: "2027-03-04",
  techField: "new_materials",
  ipType: "invention_patent",
};

describe("parseYuan (元 → fen, exact)", () => {
  it("reads amounts exactly to the fen", () => {
    expect(parseYuan("0.01")).toEqual({ ok: true, fen: 1 });
    expect(parseYuan("99999999.99")).toEqual({ ok: true, fen: 9_999_999_999 });
    expect(parseYuan("1,234.5元")).toEqual({ ok: true, fen: 123_450 });
    expect(parseYuan("０.１０")).toEqual({ ok: true, fen: 10 });
    expect(parseYuan("0.29")).toEqual({ ok: true, fen: 29 });
    expect(parseYuan("1.10")).toEqual({ ok: true, fen: 110 });
  });

  it("refuses three decimals, negatives and non-numbers", () => {
    expect(parseYuan("1.234")).toMatchObject({ ok: false, code: "too_precise" });
    expect(parseYuan("-5")).toMatchObject({ ok: false, code: "negative" });
    expect(parseYuan("1e3")).toMatchObject({ ok: false, code: "not_a_number" });
    expect(parseYuan("123456789012")).toMatchObject({ ok: false, code: "too_large" });
  });

  it("formats fen back for editing", () => {
    expect(fenToYuanInput(1)).toBe("0.01");
    expect(fenToYuanInput(9_999_999_999)).toBe("99999999.99");
  });
});

describe("parseContractFields", () => {
  it("returns typed fields with integer fen", () => {
    const result = parseContractFields(valid, context);
    expect(result.errors).toEqual({});
    expect(result.ok).toBe(true);
    expect(result.value).toMatchObject({
      contractAmountFen: 9_999_999_999,
      techTransactionAmountFen: 1,
      buyerUscc: null,
      sellerRegionCode: "130921",
      validUntil: "2027-03-04",
      inquiryId: null,
    });
  });

  it("reads spreadsheet cells: numbers and dates", () => {
    const result = parseContractFields(
      {
        ...valid,
        contractAmount: 1234.5,
        techTransactionAmount: 1000,
        signedOn: new Date(Date.UTC(2026, 2, 5)),
      },
      context,
    );
    expect(result.value).toMatchObject({
      contractAmountFen: 123_450,
      techTransactionAmountFen: 100_000,
      signedOn: "2026-03-05",
    });
  });

  it("rejects 1.234 yuan, tech amount above the contract amount and a bad USCC, per field", () => {
    const result = parseContractFields(
      {
        ...valid,
        contractAmount: "100",
        techTransactionAmount: "100.01",
        sellerUscc: "91130921MA0000001X",
      },
      context,
    );
    expect(result.ok).toBe(false);
    // Field-level problems come first; cross-field rules run once the fields are valid.
    expect(result.errors.sellerUscc).toMatch(/统一社会信用代码/);
    const tooHigh = parseContractFields(
      { ...valid, contractAmount: "100", techTransactionAmount: "100.01" },
      context,
    );
    expect(tooHigh.errors).toEqual({ techTransactionAmount: "技术交易额不能超过成交额" });
    const precise = parseContractFields({ ...valid, contractAmount: "1.234" }, context);
    expect(precise.errors.contractAmount).toBe("成交额：最多保留 2 位小数（精确到分）");
  });

  it("checks subtype against type, regions, party types, dates and required fields", () => {
    const result = parseContractFields(
      {
        ...valid,
        contractSubtype: "patent_right",
        sellerRegionCode: "999999",
        buyerPartyType: "999",
        validUntil: "2026-01-01",
      },
      context,
    );
    expect(result.errors).toMatchObject({
      sellerRegionCode: "请选择有效的卖方所在地区",
      buyerPartyType: "请选择买方性质",
    });
    const cross = parseContractFields(
      {
        ...valid,
        contractSubtype: "patent_right",
        validUntil: "2026-01-01",
        signedOn: "2026-12-01",
      },
      context,
    );
    expect(Object.keys(cross.errors).sort()).toEqual(["contractSubtype", "signedOn", "validUntil"]);
    const empty = parseContractFields({}, context);
    expect(empty.errors).toMatchObject({
      contractName: "请填写合同名称",
      contractAmount: "请填写成交额（元）",
      signedOn: "请填写签订日期",
    });
    expect(
      parseContractFields({ ...valid, signedOn: "2026-02-30" }, context).errors.signedOn,
    ).toMatch(/有效日期/);
  });
});
