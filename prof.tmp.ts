import { openDatabase } from "./db/database";
import { migrateToLatest } from "./db/migrate";
import { seedDatabase } from "./seeds/seed";
import { createPostgresSearchBackend } from "./search/postgres-backend";
import { LISTING_INDEXES } from "./search/index-definitions";
import { matchResultsForDemand } from "./app/domain/matching/matcher.server";
import { loadResultProfiles } from "./app/domain/matching/profiles.server";
const d = await openDatabase({ pgliteDir: "memory://" });
await migrateToLatest(d.db);
await seedDatabase(d.db);
const s = createPostgresSearchBackend(d.db, LISTING_INDEXES);
const ids = (await d.db.selectFrom("demands").select("id").execute()).map(r=>r.id);
for (let round=0; round<2; round++){
let t = performance.now();
for (const id of ids) await matchResultsForDemand(d.db, s, id);
console.log("match all", (performance.now()-t)/ids.length, "ms/demand");
}
let t = performance.now();
for (let i=0;i<50;i++) await s.search("results", {q:"激光 熔覆 耐磨 涂层 管道 防腐", matchingStrategy:"any", page:1, hitsPerPage:60});
console.log("search", (performance.now()-t)/50);
const rids = (await d.db.selectFrom("results").select("id").execute()).map(r=>r.id);
t = performance.now();
for (let i=0;i<50;i++) await loadResultProfiles(d.db, rids.slice(0,100));
console.log("load 100", (performance.now()-t)/50);
await d.close();
