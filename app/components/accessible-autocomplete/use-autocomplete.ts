import { startTransition, useEffect, useRef, useState, type ComponentType } from "react";

/**
 * The type-ahead component, loaded after hydration (decision 0020: the page does not wait for it), or null until it
 * has arrived or while `enabled` is false. Until then the caller shows its plain select, as without JavaScript.
 * `onArrive` runs as it arrives, before the select is replaced: the moment to see whether the select has focus.
 */
export function useAutocomplete(enabled = true, onArrive?: () => void): ComponentType<Record<string, unknown>> | null {
  const onArriveRef = useRef(onArrive);
  onArriveRef.current = onArrive;
  const [Autocomplete, setAutocomplete] = useState<ComponentType<Record<string, unknown>> | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void import("./autocomplete").then(({ default: component }) => {
      // A transition: the pickers re-render in slices, leaving the page free to answer a key meanwhile.
      if (!live) return;
      onArriveRef.current?.();
      startTransition(() => setAutocomplete(() => component));
    });
    return () => {
      live = false;
    };
  }, [enabled]);
  return Autocomplete;
}
