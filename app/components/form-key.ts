import { useLocation } from "@remix-run/react";
import { useState } from "react";

/**
 * A key for a form that starts afresh when the page moves on (a change saved, other filters chosen) but not when its
 * submission comes back with errors. Keyed by the location alone, such a form was mounted again when the page's data
 * arrived, a moment after the errors showed, and whatever the person had ticked or typed in that moment was lost.
 */
export function useFormKeyKeptThroughErrors(failed: boolean): string {
  const { key } = useLocation();
  // The key of the last page shown without errors (React's way of remembering a value from an earlier render).
  const [lastWithoutErrors, setLastWithoutErrors] = useState(key);
  if (!failed && lastWithoutErrors !== key) setLastWithoutErrors(key);
  return failed ? lastWithoutErrors : key;
}
