import { startTransition, useEffect, useState, type ComponentType } from "react";

/**
 * The type-ahead component, loaded after hydration (decision 0020: the page does not wait for it), or null until it
 * has arrived or while `enabled` is false. Until then the caller shows its plain select, as without JavaScript.
 */
export function useAutocomplete(enabled = true): ComponentType<Record<string, unknown>> | null {
  const [Autocomplete, setAutocomplete] = useState<ComponentType<Record<string, unknown>> | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void import("./autocomplete").then(({ default: component }) => {
      // A transition: the pickers re-render in slices, leaving the page free to answer a key meanwhile.
      if (live) startTransition(() => setAutocomplete(() => component));
    });
    return () => {
      live = false;
    };
  }, [enabled]);
  return Autocomplete;
}
