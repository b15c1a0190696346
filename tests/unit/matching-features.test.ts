/** The matcher's features, weights, score and reason text (pure functions). */
import { describe, expect, it } from "vitest";
import {
  type DemandProfile,
  type FeatureContext,
  type ResultProfile,
  listingFreshness,
  maturityFit,
  modeFit,
  pairFit,
  priceFit,
  regionFit,
  sharedTerms,
  textFit,
} from "../../app/domain/matching/features";
import { analyseText } from "../../app/domain/matching/profiles.server";
import { integerPoints, scorePair } from "../../app/domain/matching/scoring";
import { selectQueryTerms } from "../../app/domain/matching/term-frequency.server";
import {
  DEFAULT_WEIGHTS,
  MATCH_FEATURES,
  TUNED_WEIGHTS,
  WEIGHT_TOLERANCE,
  effectiveWeights,
  withinBounds,
} from "../../app/domain/matching/weights";
import { GENERIC_TERMS, isMatchTerm, isQuantityTerm } from "../../search/analysis";
import { ndcgAt, precisionAt } from "../bench/ranking-metrics";

const NOW = new Date("2026-11-30T00:00:00Z");
const context: FeatureContext = {
  now: NOW,
  priorityRegions: ["110000", "120000"],
  homeRegionCode: "130900",
};

function demand(overrides: Partial<DemandProfile> = {}): DemandProfile {
  return {
    ...analyseText(
      "阀门密封面激光熔覆耐磨强化",
      ["激光熔覆", "耐磨"],
      "我厂阀门密封面磨损严重，希望采用激光熔覆耐磨涂层提高寿命。",
    ),
    id: 1,
    title: "阀门密封面激光熔覆耐磨强化",
    organizationId: 10,
    organizationName: "沧州某阀门有限公司",
    techField: "advanced_manufacturing",
    budgetMinFen: 10_000_000,
    budgetMaxFen: 50_000_000,
    desiredModes: ["license"],
    regionCode: "130983",
    publishedAt: new Date("2026-11-01T00:00:00Z"),
    ...overrides,
  };
}

function result(overrides: Partial<ResultProfile> = {}): ResultProfile {
  return {
    ...analyseText(
      "激光熔覆铁基耐磨合金涂层",
      ["激光熔覆", "耐磨涂层"],
      "高速激光熔覆铁基合金涂层，用于阀门密封面和法兰的耐磨强化。",
    ),
    id: 2,
    title: "激光熔覆铁基耐磨合金涂层",
    organizationId: 20,
    organizationName: "天津大学",
    techField: "advanced_manufacturing",
    maturity: "industrialization",
    askingPriceFen: 30_000_000,
    transferModes: ["license", "transfer"],
    regionCode: "120104",
    publishedAt: new Date("2026-10-01T00:00:00Z"),
    ...overrides,
  };
}

describe("features", () => {
  it("rates price against budget: within 1, 面议 or open budget 0.5, far over 0", () => {
    expect(priceFit(0, 50_000_000, 30_000_000)).toBe(1);
    expect(priceFit(0, 50_000_000, null)).toBe(0.5);
    expect(priceFit(null, null, 30_000_000)).toBe(0.5);
    expect(priceFit(0, 50_000_000, 75_000_000)).toBeCloseTo(0.5);
    expect(priceFit(0, 50_000_000, 100_000_000)).toBe(0);
  });

  it("rates transfer modes: shared 1, none stated 0.5, disjoint 0", () => {
    expect(modeFit(["license"], ["license", "transfer"])).toBe(1);
    expect(modeFit([], ["license"])).toBe(0.5);
    expect(modeFit(["equity"], ["service"])).toBe(0);
  });

  it("wants production-ready maturity when the demand only buys, accepts earlier stages for joint development", () => {
    expect(maturityFit(["license"], "laboratory")).toBeLessThan(maturityFit(["license"], "pilot"));
    expect(maturityFit(["license"], "industrialization")).toBe(1);
    expect(maturityFit(["cooperation"], "laboratory")).toBeGreaterThan(
      maturityFit(["license"], "laboratory"),
    );
  });

  it("puts 京津 first, then the home city, the home province, elsewhere", () => {
    const fits = ["110108", "120104", "130983", "130102", "370102"].map((c) =>
      regionFit(c, context),
    );
    expect(fits).toEqual([1, 1, 0.6, 0.4, 0.2]);
    expect(regionFit("130102", { ...context, priorityRegions: ["130100"] })).toBe(1);
  });

  it("decays freshness after 90 days to 0 at two years", () => {
    expect(listingFreshness(new Date("2026-10-01T00:00:00Z"), NOW)).toBe(1);
    expect(listingFreshness(new Date("2025-06-01T00:00:00Z"), NOW)).toBeGreaterThan(0);
    expect(listingFreshness(new Date("2024-01-01T00:00:00Z"), NOW)).toBe(0);
    expect(listingFreshness(null, NOW)).toBe(0);
  });

  it("scores text symmetrically and higher for shared meaning than for one shared word", () => {
    const d = demand();
    const good = result();
    const offTopic = result(
      analyseText(
        "工业大数据实时数据管道平台",
        ["数据管道"],
        "流式计算的数据管道软件，支持实时采集和分发。",
      ),
    );
    expect(textFit(d, good)).toBeGreaterThan(0.5);
    expect(textFit(d, offTopic)).toBe(0);
    expect(textFit(d, good)).toBeCloseTo(textFit(good, d));
  });

  it("lists shared key terms, dropping ones contained in a longer shared term", () => {
    const terms = sharedTerms(demand(), result());
    expect(terms).toContain("激光熔覆");
    expect(terms).not.toContain("熔覆");
  });
});

describe("weights", () => {
  it("has one weight per feature summing to 100", () => {
    expect(Object.keys(DEFAULT_WEIGHTS).sort()).toEqual([...MATCH_FEATURES].sort());
    expect(MATCH_FEATURES.reduce((s, f) => s + DEFAULT_WEIGHTS[f], 0)).toBe(100);
  });

  it("keeps the tuned weights within ±20 % of the defaults", () => {
    expect(WEIGHT_TOLERANCE).toBe(0.2);
    expect(withinBounds(TUNED_WEIGHTS)).toBe(true);
  });

  it("clamps out-of-bounds weights and rescales to 100", () => {
    const w = effectiveWeights({ ...DEFAULT_WEIGHTS, text: 90 });
    expect(MATCH_FEATURES.reduce((s, f) => s + w[f], 0)).toBeCloseTo(100);
    // text clamped to 54 (45 × 1.2) before rescaling
    expect(w.text).toBeCloseTo((54 * 100) / 109);
    expect(withinBounds({ ...DEFAULT_WEIGHTS, text: 90 })).toBe(false);
  });
});

describe("score and reason", () => {
  it("gives integer points that add up to the score", () => {
    const points = integerPoints({
      text: 10.4,
      field: 20,
      maturity: 7.6,
      price: 4.5,
      mode: 3.5,
      region: 2.4,
      freshness: 1.6,
    });
    expect(Object.values(points).every(Number.isInteger)).toBe(true);
    expect(Object.values(points).reduce((a, b) => a + b, 0)).toBe(50);
  });

  it("scores a strong pair high and explains it in one zh-CN line", () => {
    const fit = pairFit(demand(), result(), context);
    const scored = scorePair(fit, {
      techField: "advanced_manufacturing",
      maturity: "industrialization",
      priceStated: true,
      priorityLabel: "京津",
    });
    expect(scored.score).toBeGreaterThanOrEqual(80);
    expect(scored.score).toBeLessThanOrEqual(100);
    expect(Object.values(scored.breakdown).reduce((a, b) => a + b, 0)).toBe(scored.score);
    expect(scored.reason).toMatch(/^[^\n]+$/);
    expect(scored.reason).toContain("同属先进制造领域");
    expect(scored.reason).toContain("共同关键词：激光熔覆");
    expect(scored.reason.split("；").length).toBeLessThanOrEqual(4);
  });

  it("names 京津成果 and 价格在预算内 when they are among the strongest features", () => {
    const fit = pairFit(demand(), result({ techField: "new_materials" }), context);
    const scored = scorePair(fit, {
      techField: "new_materials",
      maturity: "industrialization",
      priceStated: true,
      priorityLabel: "京津",
    });
    expect(scored.reason).not.toContain("同属");
    expect(scored.reason).toContain("京津成果");
    expect(scored.reason).toContain("价格在预算内");
  });

  it("scores a pair with nothing in common low", () => {
    const fit = pairFit(
      demand(),
      result({
        ...analyseText("眼底图像人工智能筛查", ["眼底图像"], "糖尿病视网膜病变筛查。"),
        techField: "biomedicine",
        maturity: "laboratory",
        askingPriceFen: 900_000_000,
        transferModes: ["equity"],
        regionCode: "370102",
      }),
      context,
    );
    const scored = scorePair(fit, {
      techField: "biomedicine",
      maturity: "laboratory",
      priceStated: true,
      priorityLabel: "京津",
    });
    expect(scored.score).toBeLessThan(20);
  });
});

describe("ranking metrics (benchmark)", () => {
  it("computes nDCG@k and P@k on graded labels", () => {
    const labels = { a: 2, b: 1, c: 0 };
    expect(ndcgAt(10, ["a", "b"], labels)).toBeCloseTo(1);
    expect(ndcgAt(10, ["b", "a"], labels)).toBeLessThan(1);
    expect(ndcgAt(10, ["x"], labels)).toBe(0);
    expect(precisionAt(5, ["a", "c", "b"], labels)).toBeCloseTo(2 / 5);
  });
});

describe("candidate query terms", () => {
  const stats = (counts: Record<string, number>, total: number) => ({
    documents: (t: string) => counts[t] ?? 0,
    total,
  });

  it("keeps every term of a small index", () => {
    const terms = ["管道", "防腐", "涂层"];
    expect(selectQueryTerms(terms, stats({ 管道: 40, 防腐: 30, 涂层: 60 }, 350))).toEqual(terms);
  });

  it("drops boilerplate and keeps the rarest terms within the budget on a large index", () => {
    const chosen = selectQueryTerms(
      ["企业应用", "管道", "防腐", "阴极", "3pe", "寿命"],
      stats({ 企业应用: 100_000, 管道: 900, 防腐: 500, 阴极: 100, "3pe": 40, 寿命: 700 }, 100_000),
    );
    expect(chosen).not.toContain("企业应用");
    expect(chosen).toEqual(["防腐", "阴极", "3pe"]);
  });
});

describe("meaningful terms only (numbers, units, filler never relate two listings)", () => {
  const facts = {
    techField: "environmental_protection",
    maturity: "pilot",
    priceStated: false,
    priorityLabel: "京津",
  } as const;

  it.each([
    "30",
    "200",
    "3.5",
    "99%",
    "200吨",
    "50mm",
    "10kw",
    "毫克",
    "毫米",
    "吨",
    "小时",
    "万元",
    "℃",
    "十万元",
    "q235",
    "dn300",
  ])("treats %j as a quantity", (t) => {
    expect(isQuantityTerm(t)).toBe(true);
    expect(isMatchTerm(t)).toBe(false);
  });

  it.each(["5g", "co2", "废水", "激光熔覆", "一体化", "plc"])("keeps %j", (t) => {
    expect(isQuantityTerm(t)).toBe(false);
    expect(isMatchTerm(t)).toBe(true);
  });

  it("treats 工艺, 技术, 处理, 智能, 系统, 开发 as generic", () => {
    for (const t of ["工艺", "技术", "处理", "智能", "系统", "开发"]) {
      expect(GENERIC_TERMS.has(t)).toBe(true);
      expect(isMatchTerm(t)).toBe(false);
    }
  });

  it("leaves numbers, units and filler out of key terms", () => {
    const text = analyseText(
      "高盐废水蒸发结晶处理工艺",
      ["高盐废水", "蒸发结晶"],
      "日处理废水300吨，cod低于50毫克每升，采用智能控制系统，投资200万元，温度80℃。",
    );
    const terms = text.keyTerms.map((k) => k.term);
    expect(terms.length).toBeGreaterThan(0);
    expect(terms.some((t) => /\d/.test(t))).toBe(false);
    expect(terms.filter((t) => !isMatchTerm(t))).toEqual([]);
  });

  it("never names a number, unit or filler word as 共同关键词, but names a meaningful shared term", () => {
    const d = demand({
      ...analyseText(
        "印染废水深度处理工艺",
        ["印染废水"],
        "日处理300吨，出水cod低于50毫克每升，采用智能控制系统，预算200万元。",
      ),
      techField: "environmental_protection",
    });
    const r = result({
      ...analyseText(
        "印染废水臭氧催化氧化技术",
        ["印染废水", "臭氧"],
        "处理规模300吨每天，cod降至50毫克每升以下，智能控制系统开发，工艺成熟。",
      ),
      techField: "environmental_protection",
    });
    const fit = pairFit(d, r, context);
    expect(fit.sharedTerms).toEqual(expect.arrayContaining(["印染", "废水"]));
    const reason = scorePair(fit, facts).reason;
    expect(reason).toContain("共同关键词：");
    expect(reason).toMatch(/共同关键词：[^；]*(印染|废水)/);
    const named = /共同关键词：([^；]*)/.exec(reason)?.[1]?.split("、") ?? [];
    expect(named.some((t) => /\d/.test(t))).toBe(false);
    for (const t of ["毫克", "吨", "万元", "工艺", "技术", "处理", "智能", "系统", "开发"]) {
      expect(named).not.toContain(t);
    }
  });

  it("omits the keyword part when only filler is shared", () => {
    const fit = pairFit(demand(), result(), context);
    const filler = { ...fit, sharedTerms: ["工艺", "30", "毫克", "200吨"] };
    expect(scorePair(filler, facts).reason).not.toContain("共同关键词");
  });

  it("shares only filler between 硝化 reactor revamp and 红枣 polysaccharide extraction", () => {
    const d = demand(
      analyseText(
        "硝化反应釜式工艺连续化改造",
        ["硝化", "连续流"],
        "现有釜式硝化工艺批次生产，年产3000吨，希望开发连续化工艺技术。",
      ),
    );
    const r = result(
      analyseText(
        "红枣多糖提取纯化工艺",
        ["红枣", "多糖"],
        "红枣多糖提取纯化技术，得率提高30%，年产300吨。",
      ),
    );
    expect(sharedTerms(d, r)).toEqual([]);
  });
});
