// The organisation picker's select writes its options as markup (docs/decisions/0035): the page as served must carry
// the same options, escaped, with the one chosen marked, as React's own <option> elements did.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { OrganisationPicker } from "~/components/engagements/OrganisationPicker";

function served(value: string, options: { value: string; label: string }[]) {
  return renderToStaticMarkup(
    createElement(OrganisationPicker, {
      id: "org",
      name: "organisationId",
      label: "Organisation",
      options,
      value,
      onChange: () => undefined,
    }),
  );
}

describe("the organisation picker as served, without JavaScript", () => {
  it("lists a placeholder and every organisation, and marks the one chosen", () => {
    const html = served("2", [
      { value: "1", label: "Europol" },
      { value: "2", label: "National Crime Agency (NCA)" },
    ]);
    const options = [...html.matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)].map((m) => [m[1], Boolean(m[2]), m[3]]);
    expect(options).toEqual([
      ["", false, "Choose an organisation"],
      ["1", false, "Europol"],
      ["2", true, "National Crime Agency (NCA)"],
    ]);
  });

  it("marks the placeholder when nothing is chosen", () => {
    expect(served("", [{ value: "1", label: "Europol" }])).toContain('<option value="" selected>Choose an organisation</option>');
  });

  it("writes a hostile name as text, in the option and in its value", () => {
    const html = served("", [{ value: '"><script>alert(1)</script>', label: `<img src=x onerror="alert('x')"> & Co` }]);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain(
      '<option value="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;">&#60;img src=x onerror=&#34;alert(&#39;x&#39;)&#34;&#62; &#38; Co</option>',
    );
  });
});
