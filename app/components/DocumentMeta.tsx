/** The head tags every page of the service carries, in the app and in printable documents. */
export function DocumentMeta() {
  return (
    <>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
      <meta name="robots" content="noindex, nofollow" />
    </>
  );
}
