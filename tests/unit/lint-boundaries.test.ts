// The layout's import rules (docs/decisions/0007-layout.md) are lint errors: each case below is a line
// that breaks one, linted as if it stood in a file of that folder.
import { ESLint } from "eslint";
import { ROOT } from "../support/paths";

const eslint = new ESLint({ cwd: ROOT });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

describe("the linter enforces the layout", () => {
  it.each([
    ["a route importing the database", "app/routes/example.tsx", 'import { db } from "~db/connection";\nvoid db;\n'],
    [
      "a component importing the database by a relative path",
      "app/components/Example.tsx",
      'import { db } from "../../db/connection";\nvoid db;\n',
    ],
    ["domain importing a component", "app/domain/example.ts", 'import { Tag } from "~/components/govuk";\nvoid Tag;\n'],
    ["a model importing a component", "app/models/example.server.ts", 'import { Tag } from "~/components/govuk";\nvoid Tag;\n'],
    ["a form importing a model", "app/forms/example.ts", 'import { getUserById } from "~/models/user.server";\nvoid getUserById;\n'],
    [
      "a component calling model code",
      "app/components/Example.tsx",
      'import { getUserById } from "~/models/user.server";\nvoid getUserById;\n',
    ],
    [
      "a component importing server code",
      "app/components/Example.tsx",
      'import { requireUser } from "~/server/session.server";\nvoid requireUser;\n',
    ],
    ["request plumbing importing a route", "app/server/example.server.ts", 'import { loader } from "~/routes/healthz";\nvoid loader;\n'],
  ])("refuses %s", async (_what, filePath, code) => {
    expect(await restrictedImportErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ["a model importing the database", "app/models/example.server.ts", 'import { db } from "~db/connection";\nvoid db;\n'],
    [
      "a component importing a model's type",
      "app/components/Example.tsx",
      'import type { PublicUser } from "~/models/user.server";\nexport type X = PublicUser;\n',
    ],
    ["a route importing a model", "app/routes/example.tsx", 'import { getUserById } from "~/models/user.server";\nvoid getUserById;\n'],
    ["a form importing domain enums", "app/forms/example.ts", 'import { ROLES } from "~/domain/enums";\nvoid ROLES;\n'],
  ])("allows %s", async (_what, filePath, code) => {
    expect(await restrictedImportErrors(filePath, code)).toEqual([]);
  });
});
