// DATABASE_WRITE_WAIT_SECONDS: how long a save waits for another process's write lock, checked at start.
import { readSettings, SettingsError } from "~/server/env.server";

const base: NodeJS.ProcessEnv = { NODE_ENV: "production", SESSION_SECRET: "a-session-secret-of-at-least-32-characters" };

describe("DATABASE_WRITE_WAIT_SECONDS", () => {
  it("is 10 s when unset or empty", () => {
    expect(readSettings({ ...base }).DATABASE_WRITE_WAIT_SECONDS).toBe(10);
    expect(readSettings({ ...base, DATABASE_WRITE_WAIT_SECONDS: "" }).DATABASE_WRITE_WAIT_SECONDS).toBe(10);
  });

  it("takes a whole number of seconds from 1 to 600", () => {
    expect(readSettings({ ...base, DATABASE_WRITE_WAIT_SECONDS: "1" }).DATABASE_WRITE_WAIT_SECONDS).toBe(1);
    expect(readSettings({ ...base, DATABASE_WRITE_WAIT_SECONDS: "600" }).DATABASE_WRITE_WAIT_SECONDS).toBe(600);
  });

  it.each(["0", "601", "2.5", "ten", "-3"])("refuses %j with one line naming the setting", (value) => {
    expect(() => readSettings({ ...base, DATABASE_WRITE_WAIT_SECONDS: value })).toThrow(SettingsError);
    expect(() => readSettings({ ...base, DATABASE_WRITE_WAIT_SECONDS: value })).toThrow(/^DATABASE_WRITE_WAIT_SECONDS/);
  });
});
