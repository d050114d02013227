// The audit trail's filter names, without zod: the page orders its error summary by them in the browser (docs/decisions/0027).
export const AUDIT_FILTER_FIELDS = ["actor", "action", "entity", "entityId", "from", "to", "q"] as const;
