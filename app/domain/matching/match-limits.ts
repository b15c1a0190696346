/** How many recommendations one request may ask for (matcher, API, pages). */
export const DEFAULT_MATCH_LIMIT = 10;
export const MAX_MATCH_LIMIT = 50;
