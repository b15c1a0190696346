/**
 * Listings as the domain and UI see them (camelCase). Money in fen; dates
 * as ISO strings so they serialize unchanged to the browser and the API.
 */
import type {
  IpType,
  ListingStatus,
  Maturity,
  OrganizationKind,
  TechField,
  TransferMode,
} from "../taxonomy/taxonomy";

export type ListingKind = "results" | "demands";

export interface OrganizationSummary {
  id: number;
  name: string;
  kind: OrganizationKind;
  regionCode: string;
  /** e.g. "北京市海淀区" or "沧州市黄骅市". */
  regionName: string;
}

/** 科技成果. */
export interface Result {
  id: number;
  organization: OrganizationSummary;
  title: string;
  summary: string;
  description: string;
  techField: TechField;
  keywords: string[];
  maturity: Maturity;
  trl: number | null;
  ipType: IpType;
  patentNumbers: string[];
  transferModes: TransferMode[];
  /** Asking price in fen; null for 面议. */
  askingPriceFen: number | null;
  status: ListingStatus;
  publishedAt: string | null;
  expiresAt: string | null;
  updatedAt: string;
}

/** 技术需求. */
export interface Demand {
  id: number;
  organization: OrganizationSummary;
  title: string;
  description: string;
  techField: TechField;
  keywords: string[];
  /** Budget range in fen; both null for 面议. */
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  desiredModes: TransferMode[];
  /** "YYYY-MM-DD". */
  deadline: string | null;
  /** GB/T 2260 code of the county or district. */
  regionCode: string;
  regionName: string;
  status: ListingStatus;
  publishedAt: string | null;
  expiresAt: string | null;
  updatedAt: string;
}
