// Every refusal is audited through one function (docs/decisions/0012): recordRefusals in
// app/models/audit.server.ts is the only code that writes a "denied" event, and the other kinds of
// refusal reach it (the role guard directly, the models through withRefusalsRecorded, the cross-site check).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../support/paths";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const sources = [...sourceFiles(path.join(ROOT, "app")), path.join(ROOT, "server.ts")].map((file) => ({
  file: path.relative(ROOT, file),
  text: readFileSync(file, "utf8"),
}));

describe("one mechanism for refusals", () => {
  it('only recordRefusals writes a "denied" audit event', () => {
    const writers = sources.filter((s) => /action:\s*"denied"/.test(s.text)).map((s) => s.file);
    expect(writers).toEqual(["app/models/audit.server.ts"]);
  });

  it("the role guard, the models' refusals and the cross-site check all go through it", () => {
    const using = (file: string) => sources.find((s) => s.file === file)!.text;
    expect(using("app/server/auth.server.ts")).toMatch(/recordRefusals\(/);
    expect(using("app/models/maintenance.server.ts")).toMatch(/recordRefusals\(/);
    expect(using("app/models/action.server.ts")).toMatch(/withRefusalsRecorded\(/);
    expect(using("app/models/engagement/write.server.ts")).toMatch(/withRefusalsRecorded\(/);
  });

  it("no route answers 403 by itself: refusals come from the guard or a model's ForbiddenError", () => {
    const routes = sources.filter((s) => s.file.startsWith("app/routes/") && /status:\s*403/.test(s.text)).map((s) => s.file);
    expect(routes).toEqual([]);
  });
});
