/**
 * Chinese text analysis (search/analysis.ts), highlighting
 * (search/highlight.ts) and the Postgres backend's lexeme literals.
 */
import { describe, expect, it } from "vitest";
import {
  STOP_WORDS,
  indexTerms,
  keyTerms,
  latinWords,
  normalizeText,
  queryTerms,
} from "../../search/analysis";
import { escapeHtml, highlightText, snippetText } from "../../search/highlight";
import { documentTsvector, quoteLexeme } from "../../search/postgres-documents";
import type { IndexDefinition } from "../../search/types";

describe("normalizeText", () => {
  it("folds traditional to simplified Chinese", () => {
    expect(normalizeText("國際合作")).toBe("国际合作");
  });

  it("folds full-width letters and lower-cases", () => {
    expect(normalizeText("ＰＶＣ管件")).toBe("pvc管件");
    expect(normalizeText("GRAPHENE")).toBe("graphene");
  });
});

describe("indexTerms", () => {
  it("emits the words inside longer words (search mode)", () => {
    const terms = indexTerms("待处理废水");
    expect(terms).toContain("待处理");
    expect(terms).toContain("处理");
    expect(indexTerms("中国农业发展银行")).toContain("农业");
  });

  it("emits words a segmentation choice hides (保温管道 is cut 保温管/道)", () => {
    expect(indexTerms("直埋保温管道用低导热聚氨酯发泡料")).toContain("管道");
    expect(indexTerms("直埋保温管道")).not.toContain("管");
  });

  it("indexes full-width Latin as lower-case ASCII", () => {
    expect(indexTerms("ＰＶＣ管件")).toEqual(expect.arrayContaining(["pvc", "管件"]));
  });

  it("drops stop words and punctuation and deduplicates", () => {
    const terms = indexTerms("废水的处理，废水！");
    expect(terms).not.toContain("的");
    expect(terms).not.toContain("，");
    expect(terms.filter((t) => t === "废水")).toHaveLength(1);
  });
});

describe("queryTerms", () => {
  it("normalizes traditional input to the indexed form", () => {
    expect(queryTerms("國際合作").join("")).toBe("国际合作");
  });

  it.each(["的", "的了和", "，。！？", "   ", "", "the of and", "……——"])(
    "gives no terms for %j",
    (q) => {
      expect(queryTerms(q)).toEqual([]);
    },
  );

  it("keeps at most `limit` terms", () => {
    const q = "光伏 储能 氢能 锂电池 碳纤维 复合材料 数控机床 机器视觉";
    expect(queryTerms(q, 3)).toHaveLength(3);
    expect(queryTerms(q).length).toBeGreaterThan(3);
  });
});

describe("keyTerms", () => {
  const text =
    "本项目研发了一种用于化工园区高浓度有机废水处理的催化氧化工艺，可以在常温常压下进行，" +
    "我们的工艺与膜分离技术结合，废水处理成本降低百分之三十。";

  it("returns at most N terms without stop words", () => {
    for (const n of [1, 3, 5]) {
      const terms = keyTerms(text, n);
      expect(terms.length).toBeLessThanOrEqual(n);
      expect(terms.length).toBeGreaterThan(0);
      expect(terms.some((t) => STOP_WORDS.has(t))).toBe(false);
    }
  });

  it("finds the characteristic words", () => {
    expect(keyTerms(text, 5)).toContain("膜分离");
  });

  it("gives nothing for empty text", () => {
    expect(keyTerms("")).toEqual([]);
  });
});

describe("latinWords", () => {
  it("lower-cases Latin words of two or more characters", () => {
    expect(latinWords("Graphene 薄膜 ＰＶＣ a COVID-19")).toEqual(["graphene", "pvc", "covid-19"]);
  });
});

describe("highlightText", () => {
  it("escapes HTML and marks terms", () => {
    expect(highlightText("<script>alert(1)</script> 激光熔覆", ["激光熔覆"])).toBe(
      "&lt;script&gt;alert(1)&lt;/script&gt; <mark>激光熔覆</mark>",
    );
    expect(escapeHtml(`a&b"c'd`)).toBe("a&amp;b&quot;c&#39;d");
  });

  it("marks simplified text for a traditional term and ignores case", () => {
    expect(highlightText("国际合作研发", ["國際"])).toBe("<mark>国际</mark>合作研发");
    expect(highlightText("石墨烯 Graphene 膜", ["graphene"])).toBe(
      "石墨烯 <mark>Graphene</mark> 膜",
    );
  });

  it("marks full-width text on its original characters", () => {
    expect(highlightText("ＰＶＣ管件", ["pvc"])).toBe("<mark>ＰＶＣ</mark>管件");
  });

  it("marks a term inside a longer word", () => {
    expect(highlightText("废水待处理", ["处理"])).toBe("废水待<mark>处理</mark>");
  });

  it("prefers the longer of overlapping terms and merges adjacent ones", () => {
    expect(highlightText("待处理废水", ["处理", "待处理"])).toBe("<mark>待处理</mark>废水");
    expect(highlightText("催化氧化工艺", ["催化", "氧化"])).toBe("<mark>催化氧化</mark>工艺");
  });

  it("keeps characters whose normalized form is longer aligned", () => {
    // NFKC turns ㎡ into "m2": marks must still land on the original text.
    expect(highlightText("每㎡造价<低>", ["造价"])).toBe("每㎡<mark>造价</mark>&lt;低&gt;");
  });

  it("leaves text without matches or terms unmarked", () => {
    expect(highlightText("光伏组件", ["储能"])).toBe("光伏组件");
    expect(highlightText("光伏组件", [])).toBe("光伏组件");
    expect(highlightText("光伏组件", [" "])).toBe("光伏组件");
  });
});

describe("snippetText", () => {
  const long = `${"前".repeat(50)}催化氧化${"后".repeat(50)}`;

  it("returns short text whole", () => {
    expect(snippetText("光伏<组件>", ["光伏"], 20)).toBe("<mark>光伏</mark>&lt;组件&gt;");
  });

  it("centres a window on the first match with ellipses at both cut ends", () => {
    const snippet = snippetText(long, ["催化氧化"], 20);
    expect(snippet).toBe(`…${"前".repeat(8)}<mark>催化氧化</mark>${"后".repeat(8)}…`);
  });

  it("starts at the beginning when the match is near it", () => {
    const snippet = snippetText(`催化${"后".repeat(50)}`, ["催化"], 10);
    expect(snippet).toBe(`<mark>催化</mark>${"后".repeat(8)}…`);
  });

  it("ends at the end when the match is near it", () => {
    const snippet = snippetText(`${"前".repeat(50)}催化`, ["催化"], 10);
    expect(snippet).toBe(`…${"前".repeat(8)}<mark>催化</mark>`);
  });

  it("shows the beginning when nothing matches", () => {
    expect(snippetText(long, ["储能"], 10)).toBe(`${"前".repeat(10)}…`);
  });

  it("keeps the first match whole even when longer than the window", () => {
    expect(snippetText(long, ["催化氧化"], 2)).toBe("…<mark>催化氧化</mark>…");
  });

  it("does not split surrogate pairs", () => {
    const snippet = snippetText(`${"𠮷".repeat(30)}储能${"𠮷".repeat(30)}`, ["储能"], 11);
    expect(snippet).not.toMatch(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
    );
    expect(snippet).toContain("<mark>储能</mark>");
  });
});

describe("Postgres lexeme literals", () => {
  it("quotes quotes and backslashes", () => {
    expect(quoteLexeme("it's")).toBe("'it''s'");
    expect(quoteLexeme("a\\b")).toBe("'a\\\\b'");
    expect(quoteLexeme("&|!():*")).toBe("'&|!():*'");
  });

  it("weights terms by searchable-attribute priority", () => {
    const definition: IndexDefinition = {
      name: "t",
      searchableAttributes: ["title", "keywords", "summary", "description", "owner"],
      filterableAttributes: [],
      sortableAttributes: [],
      highlightAttributes: [],
      snippetAttributes: [],
      snippetLength: 10,
    };
    const tsv = documentTsvector(definition, {
      id: "1",
      title: "光伏",
      keywords: ["储能", "氢能"],
      summary: "锂电池",
      description: "碳纤维",
      owner: "机器视觉",
    });
    const weights: Record<string, string> = {};
    for (const [, lexeme = "", weight = ""] of tsv.matchAll(/'([^']+)':\d+([A-D])/g)) {
      weights[lexeme] = weight;
    }
    expect(weights).toMatchObject({
      光伏: "A",
      储能: "B",
      氢能: "B",
      锂电池: "C",
      碳纤维: "D",
      机器视觉: "D",
    });
    expect(tsv.startsWith("'光伏':1A '储能':2B")).toBe(true);
  });
});
