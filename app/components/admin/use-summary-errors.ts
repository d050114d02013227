import { useEffect, useState } from "react";
import type { FieldErrors } from "~/forms/form-data";

/**
 * The errors for the error summary: those of the last submission, not the live ones.
 * With JavaScript the field errors re-validate as the person types; if the summary followed
 * them it would change (and take focus) on every keystroke. As GOV.UK does, the summary
 * shows what was wrong when the form was submitted, and changes only on the next submit
 * or server answer. The messages above the fields stay live.
 */
export function useSummaryErrors(errors: FieldErrors, submitCount: number, serverAnswer: unknown): FieldErrors {
  const [snapshot, setSnapshot] = useState(errors);
  useEffect(() => {
    setSnapshot(errors);
    // Only a submit or a new server answer takes a new snapshot.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [submitCount, serverAnswer]);
  return snapshot;
}
