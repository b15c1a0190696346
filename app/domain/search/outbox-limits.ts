/** How many failed outbox rows /admin/search lists (shared with the page, so not .server). */
export const FAILED_ROWS_SHOWN = 50;
