// npm run user:create -- --email EMAIL --name "NAME" --role viewer|officer|manager|admin
// The password is read from standard input when it is not a terminal, and prompted for (hidden) when it is.
import { parseArgs } from "node:util";
import { z } from "zod";
import { RuleError } from "../app/models/errors";
import { createUser } from "../app/models/user.server";
import { ROLE_ORDER } from "~/domain/permissions";
import { emailAddress, newPassword, requiredText } from "~/forms/fields";
import { closeDatabase, databasePath, db } from "../db/connection";
import { applyMigrations } from "../db/migrate";
import { runCli } from "./lib/cli";

const usage = 'Usage: npm run user:create -- --email EMAIL --name "NAME" --role viewer|officer|manager|admin';

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = "";
    for await (const chunk of process.stdin) data += chunk;
    return data.replace(/\r?\n$/, "");
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(prompt);
      const stdin = process.stdin;
      stdin.setRawMode(true);
      stdin.resume();
      let value = "";
      const onData = (buf: Buffer) => {
        for (const ch of buf.toString("utf8")) {
          if (ch === "\r" || ch === "\n") {
            stdin.setRawMode(false);
            stdin.pause();
            stdin.off("data", onData);
            process.stdout.write("\n");
            resolve(value);
            return;
          }
          if (ch === "\u0003") process.exit(130);
          if (ch === "\u007f") value = value.slice(0, -1);
          else value += ch;
        }
      };
      stdin.on("data", onData);
    });
  const first = await ask("Password (at least 12 characters): ");
  const second = await ask("Confirm password: ");
  if (first !== second) fail("The passwords do not match");
  return first;
}

function fail(message: string): never {
  console.error(message);
  closeDatabase();
  process.exit(1);
}

const schema = z.object({
  email: emailAddress,
  name: requiredText("a name", 120),
  role: z.enum(ROLE_ORDER, { error: `Role must be one of ${ROLE_ORDER.join(", ")}` }),
  password: newPassword,
});

async function main() {
  let values;
  try {
    ({ values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" } } }));
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  if (!values.email || !values.name || !values.role) fail(usage);
  const parsed = schema.safeParse({ ...values, password: await readPassword() });
  if (!parsed.success) fail(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("\n"));
  applyMigrations(db());
  try {
    const user = await createUser({ input: parsed.data, actor: null });
    console.log(`Created ${user.role} account for ${user.email} in ${databasePath()}`);
  } catch (error) {
    if (error instanceof RuleError) fail(error.message);
    throw error;
  }
  closeDatabase();
}

runCli(main);
