// What `docx` itself writes for some paragraphs and tables, for comparing the fast string writer with it.
import { Document, Packer, type FileChild } from "docx";
import { strFromU8, unzipSync } from "fflate";

/** The WordprocessingML of some paragraphs and tables, as `docx` writes them: the body of a packed document. */
export async function bodyXml(children: FileChild[]): Promise<string> {
  if (!children.length) return "";
  const packed = await Packer.toBuffer(new Document({ sections: [{ children }] }));
  const document = unzipSync(new Uint8Array(packed))["word/document.xml"];
  if (!document) throw new Error("docx wrote no word/document.xml");
  const xml = strFromU8(document);
  const open = xml.indexOf("<w:body>");
  const sectPr = xml.lastIndexOf("<w:sectPr");
  if (open < 0 || sectPr < 0) throw new Error("Unexpected document.xml from docx");
  return xml.slice(open + "<w:body>".length, sectPr);
}
