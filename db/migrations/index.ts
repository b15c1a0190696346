/**
 * Every migration, by timestamped name. A static list (rather than a folder
 * scan) so that migrations bundle into the server build and run on start.
 */
import type { Migration } from "kysely";
import * as listings from "./20261130_0001_listings";
import * as search from "./20261130_0002_search";
import * as accounts from "./20261130_0003_accounts";
import * as auth from "./20261130_0004_auth";
import * as bureau from "./20261130_0006_bureau";
import * as outboxSync from "./20261130_0007_outbox_sync";
import * as inquiries from "./20261130_0008_inquiries";
import * as contracts from "./20261130_0009_contracts";
import * as matching from "./20261130_0010_matching";
import * as matchAlerts from "./20261130_0011_match_alerts";

export const migrations: Record<string, Migration> = {
  "20261130_0001_listings": listings,
  "20261130_0002_search": search,
  "20261130_0003_accounts": accounts,
  "20261130_0004_auth": auth,
  "20261130_0006_bureau": bureau,
  "20261130_0007_outbox_sync": outboxSync,
  "20261130_0008_inquiries": inquiries,
  "20261130_0009_contracts": contracts,
  "20261130_0010_matching": matching,
  "20261130_0011_match_alerts": matchAlerts,
};
