/**
 * `npm run match:refresh`: rebuilds the precomputed match pairs
 * (`match_candidates`) from every published demand, e.g. after a bulk import
 * or a change of the weights. Prints the counts; exit code 1 on failure.
 */
import { services, stopServices } from "../../services.server";
import { refreshAllMatchCandidates } from "./match-candidates.server";

async function main(): Promise<void> {
  const { db } = await services();
  const started = Date.now();
  const { demands, pairs } = await refreshAllMatchCandidates(db);
  console.log(
    `[match] ${demands} published demand(s) matched, ${pairs} pair(s) stored in ${Date.now() - started} ms`,
  );
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stopServices();
}
