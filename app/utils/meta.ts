/** Helpers for route `meta` functions. */

const DEFAULT_SITE_NAME = "科技成果对接平台";

/** The market's name from the root loader's data among `matches`. */
export function siteNameOf(matches: readonly { id: string; data: unknown }[]): string {
  const data = matches.find((m) => m.id === "root")?.data;
  if (data && typeof data === "object" && "site" in data) {
    const site = data.site;
    if (
      site &&
      typeof site === "object" &&
      "siteName" in site &&
      typeof site.siteName === "string"
    ) {
      return site.siteName;
    }
  }
  return DEFAULT_SITE_NAME;
}
