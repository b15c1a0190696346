/**
 * Shapes of the seed data files in seeds/data. Everything in seeds/data was
 * written for this project: organization names of real universities and
 * institutes are public facts; every enterprise is fictional; no real
 * person's details appear anywhere.
 *
 * Money is integer fen (分): 1 万元 = 1_000_000 fen.
 */
import type {
  IpType,
  Maturity,
  OrganizationKind,
  PartyType,
  TechField,
  TransferMode,
} from "../app/domain/taxonomy/taxonomy";

export interface SeedOrganization {
  /** Stable seed key, unique, kebab-case ASCII (e.g. "tsinghua", "cz-huayu-pipe"). */
  key: string;
  kind: OrganizationKind;
  name: string;
  /** GB/T 2260 six-digit code of the district or county, e.g. "110108" 海淀区. */
  regionCode: string;
  partyType: PartyType;
  /** One short sentence introducing the organization (zh-CN). */
  intro: string;
}

export interface SeedResult {
  /** Stable seed key, unique (e.g. "r-tsinghua-001"). */
  key: string;
  /** Key of the owning SeedOrganization (a university or institute). */
  ownerKey: string;
  title: string;
  /** One-sentence summary, 30–80 characters. */
  summary: string;
  /** 100–400 characters, reads like a real listing. */
  description: string;
  techField: TechField;
  /** 3–6 domain keywords. */
  keywords: string[];
  maturity: Maturity;
  /** Technology readiness level 1–9, consistent with maturity. */
  trl: number;
  ipType: IpType;
  /** Fictional patent numbers like "ZL202110234567.8"; empty when none. */
  patentNumbers: string[];
  transferModes: TransferMode[];
  /** Asking price in fen, or null for 面议. */
  askingPriceFen: number | null;
  /** ISO date "2026-03-14", between 2025-01-01 and 2026-11-20. */
  publishedAt: string;
}

export interface SeedDemand {
  /** Stable seed key, unique (e.g. "d-001"). */
  key: string;
  /** Key of the owning SeedOrganization (a Cangzhou enterprise). */
  ownerKey: string;
  title: string;
  /** 100–400 characters: the problem, current state, the indicators wanted. */
  description: string;
  techField: TechField;
  keywords: string[];
  /** Budget range in fen; both null for 面议. */
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  desiredModes: TransferMode[];
  /** ISO date by which a solution is wanted, 2026-12-01 … 2027-12-31. */
  deadline: string;
  /** GB/T 2260 code of the county or district in Cangzhou where the need is. */
  regionCode: string;
  /** ISO date "2026-03-14", between 2025-06-01 and 2026-11-20. */
  publishedAt: string;
}
