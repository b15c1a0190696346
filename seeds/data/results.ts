/** All seed research results, concatenated from the per-field files. */
import type { SeedResult } from "../types";
import { agricultureResults } from "./results-agriculture";
import { biomedicineResults } from "./results-biomedicine";
import { energyResults } from "./results-energy";
import { environmentResults } from "./results-environment";
import { informationResults } from "./results-information";
import { manufacturingResults } from "./results-manufacturing";
import { materialsResults } from "./results-materials";
import { nuclearResults } from "./results-nuclear";
import { transportAerospaceResults } from "./results-transport-aerospace";
import { urbanResults } from "./results-urban";

export const results: SeedResult[] = [
  ...manufacturingResults,
  ...materialsResults,
  ...agricultureResults,
  ...environmentResults,
  ...energyResults,
  ...informationResults,
  ...biomedicineResults,
  ...transportAerospaceResults,
  ...urbanResults,
  ...nuclearResults,
];
