import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLE_ORDER } from "~/domain/permissions";

/** The role radios: each role with what it may do as the hint. */
export const ROLE_ITEMS = ROLE_ORDER.map((role) => ({ value: role, label: ROLE_LABELS[role], hint: ROLE_DESCRIPTIONS[role] }));
