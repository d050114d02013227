// Types for the copy of GOV.UK's accessible-autocomplete beside this file (its source ships none).
import type { ComponentType } from "react";

declare const Autocomplete: ComponentType<Record<string, unknown>>;
export default Autocomplete;
