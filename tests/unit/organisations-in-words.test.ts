import { describe, expect, it } from "vitest";
import { organisationsInWords } from "~/domain/organisation-names";

const force = { id: 1, name: "Kent Police", shortName: null, kind: "police_force", forceId: null };
const body = { id: 2, name: "Police and Crime Commissioner for Kent", shortName: "Kent PCC", kind: "pcc", forceId: 1 };
const otherBody = { id: 3, name: "Police, Fire and Crime Commissioner for Essex", shortName: "Essex PFCC", kind: "pcc", forceId: 4 };
const europol = {
  id: 5,
  name: "European Union Agency for Law Enforcement Cooperation",
  shortName: "Europol",
  kind: "international_agency",
};

describe("organisationsInWords", () => {
  it("names a force with its own policing body as such, whichever comes first", () => {
    expect(organisationsInWords([force, body])).toBe("Kent Police and its local policing body, Kent PCC");
    expect(organisationsInWords([body, force])).toBe("Kent Police and its local policing body, Kent PCC");
  });

  it("names any other organisations by their short names", () => {
    expect(organisationsInWords([force, otherBody])).toBe("Kent Police and Essex PFCC");
    expect(organisationsInWords([force, otherBody, europol])).toBe("Kent Police, Essex PFCC and Europol");
    expect(organisationsInWords([europol])).toBe("Europol");
    expect(organisationsInWords([])).toBe("");
  });
});
