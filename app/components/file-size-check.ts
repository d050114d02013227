import { useState, type FormEvent } from "react";

/**
 * A file above the server's limit, caught before it is sent: on submit, when the file chosen in `field` is larger
 * than `maxBytes`, the upload is stopped and `error` says why, to be shown next to the field like the server's own
 * message for it. Without JavaScript the server refuses the file instead.
 */
export function useFileSizeCheck(field: string, maxBytes: number, message: string) {
  const [error, setError] = useState<string>();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem(field);
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    if (file && file.size > maxBytes) {
      event.preventDefault();
      setError(message);
    } else setError(undefined);
  };
  return { error, onSubmit };
}
