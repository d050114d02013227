import { useEffect, useState } from "react";

/** False on the server and until JavaScript has run in the browser: passkeys are offered only then. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
