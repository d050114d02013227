// GOV.UK's accessible-autocomplete ships no types; its React build exports the component as `default`.
declare module "accessible-autocomplete/react" {
  import type { ComponentType } from "react";
  const Autocomplete: ComponentType<Record<string, unknown>>;
  export default Autocomplete;
}
