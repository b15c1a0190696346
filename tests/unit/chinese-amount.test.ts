import { describe, expect, it } from "vitest";
import { chineseUppercaseAmount } from "../../app/utils/chinese-amount";

describe("chineseUppercaseAmount (大写金额)", () => {
  it.each([
    [0, "零元整"],
    [1, "壹分"],
    [5, "伍分"],
    [50, "伍角"],
    [100, "壹元整"],
    [105, "壹元零伍分"],
    [1_000, "壹拾元整"],
    [1_010_00, "壹仟零壹拾元整"],
    [10_001_00, "壹万零壹元整"],
    [100_000_00, "壹拾万元整"],
    [123_456_789, "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"],
    [100_000_005, "壹佰万元零伍分"],
    [9_999_999_999, "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"],
    [10_000_000_000, "壹亿元整"],
    [10_000_010_000, "壹亿零壹佰元整"],
    [50_060_000_000, "伍亿零陆拾万元整"],
  ])("%i fen → %s", (fen, words) => {
    expect(chineseUppercaseAmount(fen)).toBe(words);
  });

  it("refuses negative and fractional fen", () => {
    expect(() => chineseUppercaseAmount(-1)).toThrow(RangeError);
    expect(() => chineseUppercaseAmount(1.5)).toThrow(RangeError);
  });
});
