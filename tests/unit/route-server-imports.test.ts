/**
 * Values imported from `.server` modules are empty in the browser bundle
 * (Remix replaces those modules), so a route component that renders one
 * works on the server and crashes on hydration — the dashboard and the
 * targets page did exactly that. This scans every route module: no name
 * imported (as a value) from a `.server` module may appear in the code
 * after `export default function`, except as a property (`x.name`).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROUTES = path.resolve(import.meta.dirname, "../../app/routes");

function serverValuesUsedInComponent(source: string): string[] {
  const start = source.search(/\nexport default function/);
  if (start < 0) return [];
  const component = source.slice(start);
  const found: string[] = [];
  for (const match of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+"([^"]+)"/g)) {
    if (match[1] || !match[3]!.includes(".server")) continue;
    const names = match[2]!
      .split(",")
      .map((n) => n.trim())
      .filter((n) => n && !n.startsWith("type "))
      .map((n) =>
        n
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
    for (const name of names) {
      if (new RegExp(`(?<![.\\w$])${name.replace(/\$/g, "\\$")}\\b`).test(component)) {
        found.push(`${name} from ${match[3]}`);
      }
    }
  }
  return found;
}

describe("route components never render values of .server modules", () => {
  const files = readdirSync(ROUTES).filter((f) => f.endsWith(".tsx"));

  it("finds the mistake it guards against", () => {
    const bad = `import { LIMIT } from "~/x.server";\nexport default function P() { return LIMIT; }`;
    expect(serverValuesUsedInComponent(bad)).toEqual(["LIMIT from ~/x.server"]);
    const fine = `import { load } from "~/x.server";\nexport default function P() { return data.load; }`;
    expect(serverValuesUsedInComponent(fine)).toEqual([]);
  });

  it.each(files)("%s", (file) => {
    expect(serverValuesUsedInComponent(readFileSync(path.join(ROUTES, file), "utf8"))).toEqual([]);
  });
});
