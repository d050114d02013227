// The register's schemas, for its loader and action only: imported through this .server module, they (and zod)
// stay out of the page's scripts in the browser.
export { bulkChangeSchema, parseRegisterFilters, parseSelectedItem, type BulkChange } from "~/forms/actions";
