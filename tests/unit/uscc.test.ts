import { describe, expect, it } from "vitest";
import {
  fictionalUscc,
  usccCheckCharacter,
  validateUscc,
} from "../../app/domain/organizations/uscc";

describe("统一社会信用代码 (GB 32100-2015)", () => {
  it("accepts a code whose check character is right", () => {
    expect(validateUscc("91350100M000100Y43")).toBeNull();
    expect(validateUscc(" 91350100m000100y43 ")).toBeNull();
  });

  it("rejects a wrong check character, bad length and forbidden letters", () => {
    expect(validateUscc("91350100M000100Y44")).toBe("check_digit");
    expect(validateUscc("91350100M000100Y4")).toBe("length");
    expect(validateUscc("91350100M000100YO3")).toBe("characters");
  });

  it("computes the check character modulo 31", () => {
    expect(usccCheckCharacter("91350100M000100Y4")).toBe("3");
    expect(() => usccCheckCharacter("short")).toThrow(RangeError);
  });

  it("builds valid fictional codes for seed data", () => {
    const code = fictionalUscc("91", "130983", 12);
    expect(code).toHaveLength(18);
    expect(code.slice(2, 8)).toBe("130983");
    expect(validateUscc(code)).toBeNull();
  });
});
