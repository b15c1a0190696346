/**
 * The two listing indexes and how they are searched, shared by every
 * backend. Document shapes are built in app/domain/listings/documents.server.ts.
 */
import type { IndexDefinition } from "./types";

export const RESULTS_INDEX = "results";
export const DEMANDS_INDEX = "demands";

/** 科技成果: searchable by title, keywords, summary, description, owner. */
export const resultsIndex: IndexDefinition = {
  name: RESULTS_INDEX,
  searchableAttributes: ["title", "keywords", "summary", "description", "organizationName"],
  filterableAttributes: ["techField", "maturity", "transferModes", "sourceProvince", "ipType"],
  sortableAttributes: ["publishedAt", "askingPriceFen"],
  highlightAttributes: ["title"],
  snippetAttributes: ["description"],
  snippetLength: 90,
};

/** 技术需求: searchable by title, keywords, description, owner. */
export const demandsIndex: IndexDefinition = {
  name: DEMANDS_INDEX,
  searchableAttributes: ["title", "keywords", "description", "organizationName"],
  filterableAttributes: ["techField", "desiredModes", "countyCode"],
  sortableAttributes: ["publishedAt", "budgetMaxFen"],
  highlightAttributes: ["title"],
  snippetAttributes: ["description"],
  snippetLength: 90,
};

export const LISTING_INDEXES: readonly IndexDefinition[] = [resultsIndex, demandsIndex];
