// A Select may write its options as markup (`optionsAsMarkup`, for the engagement form's long lists that a page
// without JavaScript needs): the page as served must carry the very options React's own <option> elements would,
// with the same one chosen and every name still text.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Select, type Option } from "~/components/govuk";

const decode = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Each option as [value, chosen, disabled, text], decoded, from a select as served. */
function optionsOf(html: string) {
  return [...html.matchAll(/<option value="([^"]*)"([^>]*)>([^<]*)<\/option>/g)].map((m) => [
    decode(m[1]),
    /\bselected\b/.test(m[2]),
    /\bdisabled\b/.test(m[2]),
    decode(m[3]),
  ]);
}

function served(asMarkup: boolean, defaultValue: string, options: Option[], placeholder?: string) {
  return renderToStaticMarkup(
    createElement(Select, {
      name: "commitments.0.organisationId",
      label: "Organisation",
      options,
      placeholder,
      defaultValue,
      optionsAsMarkup: asMarkup,
    }),
  );
}

const ORGANISATIONS: Option[] = [
  { value: "1", label: "Europol" },
  { value: "2", label: "National Crime Agency (NCA)" },
  { value: "3", label: "Closed body", disabled: true },
  { value: '"><script>alert(1)</script>', label: `<img src=x onerror="alert('x')"> & Co` },
];

describe("a select whose options are markup", () => {
  it("serves the same options as React's elements, the same one chosen", () => {
    for (const chosen of ["", "2", '"><script>alert(1)</script>']) {
      const asMarkup = optionsOf(served(true, chosen, ORGANISATIONS, "The engagement's organisation"));
      expect(asMarkup).toEqual(optionsOf(served(false, chosen, ORGANISATIONS, "The engagement's organisation")));
      expect(asMarkup).toHaveLength(5);
      expect(asMarkup.filter(([, selected]) => selected).map(([value]) => value)).toEqual(chosen ? [chosen] : [""]);
    }
  });

  it("keeps a hostile name as text", () => {
    const html = served(true, "", ORGANISATIONS);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(optionsOf(html)[3]).toEqual(['"><script>alert(1)</script>', false, false, `<img src=x onerror="alert('x')"> & Co`]);
  });
});
