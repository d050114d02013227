import { describe, expect, it } from "vitest";
import { listAuditEvents, listEntityHistory } from "~/models/audit.server";
import { countSessionsOfUser, createSession } from "~/models/auth.server";
import { countUsers, createUser, getUserById } from "~/models/user.server";
import { loader as dashboardLoader } from "~/routes/_index";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as accountLoader } from "~/routes/admin.users.$userId._index";
import { action as editAction, loader as editLoader } from "~/routes/admin.users.$userId.edit";
import { action as passwordAction, loader as passwordLoader } from "~/routes/admin.users.$userId.password";
import { action as statusAction, loader as statusLoader } from "~/routes/admin.users.$userId.status";
import { loader as listLoader } from "~/routes/admin.users._index";
import { action as newAction, loader as newLoader } from "~/routes/admin.users.new";
import { action as loginAction } from "~/routes/login";
import { sessionCookieHeader } from "../support/session";
import { getUserByEmailWithHash } from "../support/records";
import { describeRoleMatrix } from "../support/role-matrix";
import { readJson, redirectedTo, runAction, runLoader, signedInAs, TEST_PASSWORD, type TestUser } from "../support/requests";

const NEW_PASSWORD = "a brand new passphrase for you";

/** A fresh account (not signed in) to act on, so each test starts from a known state. */
let counter = 0;
async function makeAccount(role: "viewer" | "officer" | "manager" | "admin" = "officer") {
  counter += 1;
  return createUser({
    input: { email: `person${counter}@example.org`, name: `Person ${counter}`, role, password: TEST_PASSWORD },
    actor: null,
  });
}

/** Sign a user in for real (a session row and its cookie), as the login page would. */
async function sessionFor(userId: number, email: string): Promise<TestUser> {
  const token = await createSession({ userId, ip: "127.0.0.1" });
  const user = getUserById(userId)!;
  return { ...user, email, cookie: await sessionCookieHeader(token) };
}

function params(userId: number | string) {
  return { params: { userId: String(userId) } };
}

function latestAuditId(): number {
  return listAuditEvents({ limit: 1 }).events[0]?.id ?? 0;
}

describe("the list of staff accounts", () => {
  it("an admin sees every account with its role and whether it is active", async () => {
    const admin = await signedInAs("admin");
    const someone = await makeAccount("viewer");
    const response = await runLoader(listLoader, "/admin/users", { user: admin });
    expect(response.status).toBe(200);
    const { users } = await readJson(response);
    expect(users.length).toBe(countUsers());
    expect(users).toContainEqual({ id: someone.id, name: someone.name, email: someone.email, role: "viewer", active: true });
    expect(users[0]).not.toHaveProperty("passwordHash");
  });
});

describe("creating an account", () => {
  it("an admin creates an officer account, which is audited and can sign in", async () => {
    const admin = await signedInAs("admin");
    expect((await runLoader(newLoader, "/admin/users/new", { user: admin })).status).toBe(200);
    const response = await runAction(
      newAction,
      "/admin/users/new",
      {
        name: "  Olive Officer ",
        email: "Olive.Officer@Example.org",
        role: "officer",
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      },
      { user: admin },
    );
    const created = getUserByEmailWithHash("olive.officer@example.org")!;
    expect(created).toMatchObject({ name: "Olive Officer", role: "officer", deactivatedAt: null });
    expect(redirectedTo(response)).toBe(`/admin/users/${created.id}`);
    expect(response.headers.get("Set-Cookie")).toMatch(/tracker_flash=/);

    const [event] = listEntityHistory({ entityType: "user", entityId: created.id });
    expect(event).toMatchObject({ action: "create", actorUserId: admin.id });
    expect(JSON.parse(event.after!)).toEqual({ email: "olive.officer@example.org", name: "Olive Officer", role: "officer" });
    expect(event.after).not.toContain(NEW_PASSWORD);

    const signIn = await runAction(loginAction, "/login", { email: "olive.officer@example.org", password: NEW_PASSWORD });
    expect(redirectedTo(signIn)).toBe("/");
  });

  it("a duplicate email gets a message at the email field and writes nothing", async () => {
    const admin = await signedInAs("admin");
    const existing = await makeAccount();
    const users = countUsers();
    const lastEvent = latestAuditId();
    const response = await runAction(
      newAction,
      "/admin/users/new",
      {
        name: "Someone Else",
        email: existing.email.toUpperCase(),
        role: "viewer",
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      },
      { user: admin },
    );
    expect(response.status).toBe(400);
    const body = await readJson(response);
    expect(body.fieldErrors).toEqual({ email: "An account with this email address already exists" });
    expect(body.values).toEqual({ name: "Someone Else", email: existing.email.toUpperCase(), role: "viewer" });
    expect(countUsers()).toBe(users);
    expect(latestAuditId()).toBe(lastEvent);
  });

  it.each([
    [
      "an empty form",
      {},
      {
        name: "Enter the person's full name",
        email: "Enter an email address",
        role: "Select a role",
        password: "Enter a password",
        confirmPassword: "Enter the password again",
      },
    ],
    [
      "an 11-character password",
      { password: "elevenchars", confirmPassword: "elevenchars" },
      { password: "Password must be at least 12 characters" },
    ],
    [
      "a 129-character password",
      { password: "p".repeat(129), confirmPassword: "p".repeat(129) },
      { password: "Password must be 128 characters or fewer" },
    ],
    ["an unknown role", { role: "superuser" }, { role: "Select a role" }],
    ["a role sent twice", { role: ["viewer", "admin"] }, { role: "Select a role" }],
    ["a badly formed email", { email: "not-an-email" }, { email: "Enter an email address in the correct format, like name@example.com" }],
    [
      "an SQL fragment as email",
      { email: "' OR 1=1 --" },
      { email: "Enter an email address in the correct format, like name@example.com" },
    ],
    ["passwords that differ", { confirmPassword: "something different entirely" }, { confirmPassword: "The passwords do not match" }],
    ["a 121-character name", { name: "n".repeat(121) }, { name: "The person's full name must be 120 characters or fewer" }],
  ])("%s is refused with a message at the field, the rest kept, nothing written", async (_label, overrides, expected) => {
    const admin = await signedInAs("admin");
    const users = countUsers();
    const lastEvent = latestAuditId();
    const good = {
      name: "Valid Name",
      email: `valid${counter++}@example.org`,
      role: "viewer",
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    };
    const body = Object.keys(overrides).length ? { ...good, ...overrides } : {};
    const response = await runAction(newAction, "/admin/users/new", body, { user: admin });
    expect(response.status).toBe(400);
    const failure = await readJson(response);
    expect(failure.fieldErrors).toEqual(expected);
    if (Object.keys(overrides).length && !("name" in overrides)) expect(failure.values.name).toBe("Valid Name");
    expect(failure.values.password).toBeUndefined();
    expect(failure.values.confirmPassword).toBeUndefined();
    expect(countUsers()).toBe(users);
    expect(latestAuditId()).toBe(lastEvent);
  });

  it("a 128-character password and a pasted passphrase with spaces and symbols are accepted", async () => {
    const admin = await signedInAs("admin");
    const long = "x".repeat(120) + " &<>\"'é!";
    expect(long.length).toBe(128);
    const response = await runAction(
      newAction,
      "/admin/users/new",
      {
        name: "Long Password",
        email: "long.password@example.org",
        role: "viewer",
        password: long,
        confirmPassword: long,
      },
      { user: admin },
    );
    expect(redirectedTo(response)).toMatch(/^\/admin\/users\/\d+$/);
    expect(redirectedTo(await runAction(loginAction, "/login", { email: "long.password@example.org", password: long }))).toBe("/");
  });

  it("a name holding markup is stored as typed and comes back as plain data, never as HTML", async () => {
    const admin = await signedInAs("admin");
    const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const response = await runAction(
      newAction,
      "/admin/users/new",
      {
        name: hostile,
        email: "hostile@example.org",
        role: "viewer",
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      },
      { user: admin },
    );
    const id = Number(redirectedTo(response)!.split("/").pop());
    const account = await readJson(await runLoader(accountLoader, `/admin/users/${id}`, { user: admin, ...params(id) }));
    // React renders this as text; the end-to-end header test checks the served HTML escapes it.
    expect(account.user.name).toBe(hostile);
  });
});

describe("an account's page", () => {
  it("shows the account, whether it is signed in, and never the password hash", async () => {
    const admin = await signedInAs("admin");
    const person = await makeAccount("manager");
    await sessionFor(person.id, person.email);
    const response = await runLoader(accountLoader, `/admin/users/${person.id}`, { user: admin, ...params(person.id) });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body.user).toMatchObject({ id: person.id, name: person.name, email: person.email, role: "manager", deactivatedAt: null });
    expect(body.user).not.toHaveProperty("passwordHash");
    expect(body.sessions).toBe(1);
    expect(body.isSelf).toBe(false);
    expect((await readJson(await runLoader(accountLoader, `/admin/users/${admin.id}`, { user: admin, ...params(admin.id) }))).isSelf).toBe(
      true,
    );
  });

  it.each(["abc", "0", "-1", "1e3", "99999999", "12abc", "9".repeat(30)])("an account id of %s answers 404 on every page", async (id) => {
    const admin = await signedInAs("admin");
    const path = `/admin/users/${encodeURIComponent(id)}`;
    for (const loader of [accountLoader, editLoader, passwordLoader, statusLoader]) {
      expect((await runLoader(loader, path, { user: admin, ...params(id) })).status).toBe(404);
    }
    expect(
      (
        await runAction(
          editAction,
          `${path}/edit`,
          { name: "X", email: "x@example.org", role: "viewer", version: "1" },
          { user: admin, ...params(id) },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await runAction(
          passwordAction,
          `${path}/password`,
          { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
          { user: admin, ...params(id) },
        )
      ).status,
    ).toBe(404);
    expect(
      (await runAction(statusAction, `${path}/status`, { status: "deactivated", version: "1" }, { user: admin, ...params(id) })).status,
    ).toBe(404);
  });
});

describe("editing an account", () => {
  it("an admin changes name, email and role; the change is audited with before and after, and the role change ends their sessions", async () => {
    const admin = await signedInAs("admin");
    const person = await makeAccount("viewer");
    const theirs = await sessionFor(person.id, person.email);
    const loaded = await readJson(await runLoader(editLoader, `/admin/users/${person.id}/edit`, { user: admin, ...params(person.id) }));
    expect(loaded.user).toEqual({ id: person.id, name: person.name, email: person.email, role: "viewer", version: 1 });

    const response = await runAction(
      editAction,
      `/admin/users/${person.id}/edit`,
      {
        name: "Renamed Person",
        email: "renamed@example.org",
        role: "officer",
        version: "1",
      },
      { user: admin, ...params(person.id) },
    );
    expect(redirectedTo(response)).toBe(`/admin/users/${person.id}`);
    expect(getUserById(person.id)).toMatchObject({ name: "Renamed Person", email: "renamed@example.org", role: "officer", version: 2 });
    const [event] = listEntityHistory({ entityType: "user", entityId: person.id });
    expect(event.action).toBe("update");
    expect(JSON.parse(event.before!)).toEqual({ name: person.name, email: person.email, role: "viewer" });
    expect(JSON.parse(event.after!)).toEqual({ name: "Renamed Person", email: "renamed@example.org", role: "officer" });
    expect(countSessionsOfUser(person.id)).toBe(0);
    expect(redirectedTo(await runLoader(dashboardLoader, "/", { user: theirs }))).toBe("/login");
  });

  it("a save based on a stale version gets 409 with what changed, keeps the input, and writes nothing", async () => {
    const admin = await signedInAs("admin");
    const person = await makeAccount("viewer");
    const first = await runAction(
      editAction,
      `/admin/users/${person.id}/edit`,
      { name: "First Edit", email: person.email, role: "viewer", version: "1" },
      { user: admin, ...params(person.id) },
    );
    expect(redirectedTo(first)).toBe(`/admin/users/${person.id}`);
    const lastEvent = latestAuditId();

    const stale = await runAction(
      editAction,
      `/admin/users/${person.id}/edit`,
      { name: "Second Edit", email: person.email, role: "manager", version: "1" },
      { user: admin, ...params(person.id) },
    );
    expect(stale.status).toBe(409);
    const body = await readJson(stale);
    expect(body.fieldErrors.conflict).toMatch(/Someone else changed this account/);
    expect(body.values).toMatchObject({ name: "Second Edit", role: "manager" });
    expect(body.conflict.current).toMatchObject({ name: "First Edit", role: "viewer", version: 2 });
    expect(getUserById(person.id)).toMatchObject({ name: "First Edit", role: "viewer", version: 2 });
    expect(latestAuditId()).toBe(lastEvent);

    // Saving again on the current version applies the second person's input.
    const retry = await runAction(
      editAction,
      `/admin/users/${person.id}/edit`,
      { name: "Second Edit", email: person.email, role: "manager", version: "2" },
      { user: admin, ...params(person.id) },
    );
    expect(redirectedTo(retry)).toBe(`/admin/users/${person.id}`);
    expect(getUserById(person.id)).toMatchObject({ name: "Second Edit", role: "manager", version: 3 });
  });

  it("after a conflict the form keeps the other person's changes where this person changed nothing", async () => {
    const admin = await signedInAs("admin");
    const person = await makeAccount("viewer");
    const opened = { "original.name": person.name, "original.email": person.email, "original.role": "viewer" };
    await runAction(
      editAction,
      `/admin/users/${person.id}/edit`,
      { ...opened, name: "Their New Name", email: person.email, role: "viewer", version: "1" },
      { user: admin, ...params(person.id) },
    );

    // The second admin only changed the role, on the version they opened.
    const stale = await runAction(
      editAction,
      `/admin/users/${person.id}/edit`,
      { ...opened, name: person.name, email: person.email, role: "officer", version: "1" },
      { user: admin, ...params(person.id) },
    );
    expect(stale.status).toBe(409);
    const body = await readJson(stale);
    expect(body.values).toEqual({ name: "Their New Name", email: person.email, role: "officer" });
    expect(body.conflict.yours).toEqual({ name: null, email: null, role: "officer" });
    expect(getUserById(person.id)).toMatchObject({ name: "Their New Name", role: "viewer", version: 2 });
  });

  it.each([
    ["a tampered version", { version: "abc" }, "version"],
    ["a negative version", { version: "-4" }, "version"],
    ["an empty name", { name: "   " }, "name"],
    ["an unknown role", { role: "root" }, "role"],
    ["an email in use by someone else", { email: "USE-OTHER" }, "email"],
  ])("%s is refused at the field and writes nothing", async (_label, overrides, field) => {
    const admin = await signedInAs("admin");
    const person = await makeAccount("viewer");
    const other = await makeAccount("viewer");
    const lastEvent = latestAuditId();
    const body = { name: "Changed", email: person.email, role: "viewer", version: "1", ...overrides };
    if (body.email === "USE-OTHER") body.email = other.email;
    const response = await runAction(editAction, `/admin/users/${person.id}/edit`, body, { user: admin, ...params(person.id) });
    expect(response.status).toBe(400);
    expect(Object.keys((await readJson(response)).fieldErrors)).toEqual([field]);
    expect(getUserById(person.id)).toMatchObject({ name: person.name, version: 1 });
    expect(latestAuditId()).toBe(lastEvent);
  });

  it("an admin cannot remove their own admin role", async () => {
    const admin = await signedInAs("admin", "selfrole");
    const before = getUserById(admin.id)!;
    const response = await runAction(
      editAction,
      `/admin/users/${admin.id}/edit`,
      { name: admin.name, email: admin.email, role: "manager", version: String(before.version) },
      { user: admin, ...params(admin.id) },
    );
    expect(response.status).toBe(400);
    expect((await readJson(response)).fieldErrors).toEqual({ role: "You cannot remove your own admin role" });
    expect(getUserById(admin.id)!.role).toBe("admin");
    // Their own name can still change, and they stay signed in.
    const rename = await runAction(
      editAction,
      `/admin/users/${admin.id}/edit`,
      { name: "Self Renamed", email: admin.email, role: "admin", version: String(before.version) },
      { user: admin, ...params(admin.id) },
    );
    expect(redirectedTo(rename)).toBe(`/admin/users/${admin.id}`);
    expect(countSessionsOfUser(admin.id)).toBe(1);
  });
});

describe("deactivating and reactivating", () => {
  it("deactivating ends the person's sessions at once, is audited with before and after, and stops them signing in", async () => {
    const admin = await signedInAs("admin");
    const person = await makeAccount("officer");
    const theirs = await sessionFor(person.id, person.email);
    expect(redirectedTo(await runLoader(dashboardLoader, "/", { user: theirs }))).toBeNull();

    const page = await readJson(await runLoader(statusLoader, `/admin/users/${person.id}/status`, { user: admin, ...params(person.id) }));
    expect(page.user).toMatchObject({ active: true, version: 1 });
    const response = await runAction(
      statusAction,
      `/admin/users/${person.id}/status`,
      { status: "deactivated", version: "1" },
      { user: admin, ...params(person.id) },
    );
    expect(redirectedTo(response)).toBe(`/admin/users/${person.id}`);

    expect(getUserById(person.id)!.deactivatedAt).toBeTruthy();
    expect(countSessionsOfUser(person.id)).toBe(0);
    expect(redirectedTo(await runLoader(dashboardLoader, "/", { user: theirs }))).toBe("/login");

    const [event] = listEntityHistory({ entityType: "user", entityId: person.id });
    expect(event).toMatchObject({ action: "deactivate", actorUserId: admin.id });
    expect(JSON.parse(event.before!)).toEqual({ deactivatedAt: null });
    expect(JSON.parse(event.after!).deactivatedAt).toBe(getUserById(person.id)!.deactivatedAt);

    const refused = await runAction(loginAction, "/login", { email: person.email, password: TEST_PASSWORD });
    expect(refused.status).toBe(400);

    const list = await readJson(await runLoader(listLoader, "/admin/users", { user: admin }));
    expect(list.users.find((u: { id: number }) => u.id === person.id).active).toBe(false);
  });

  it("reactivating lets the person sign in again with their existing password", async () => {
    const admin = await signedInAs("admin");
    const person = await makeAccount("officer");
    await runAction(
      statusAction,
      `/admin/users/${person.id}/status`,
      { status: "deactivated", version: "1" },
      { user: admin, ...params(person.id) },
    );
    const page = await readJson(await runLoader(statusLoader, `/admin/users/${person.id}/status`, { user: admin, ...params(person.id) }));
    expect(page.user).toMatchObject({ active: false, version: 2 });

    const response = await runAction(
      statusAction,
      `/admin/users/${person.id}/status`,
      { status: "active", version: "2" },
      { user: admin, ...params(person.id) },
    );
    expect(redirectedTo(response)).toBe(`/admin/users/${person.id}`);
    expect(getUserById(person.id)!.deactivatedAt).toBeNull();
    expect(listEntityHistory({ entityType: "user", entityId: person.id })[0]).toMatchObject({ action: "reactivate" });
    expect(redirectedTo(await runAction(loginAction, "/login", { email: person.email, password: TEST_PASSWORD }))).toBe("/");
  });

  it("an admin cannot deactivate their own account", async () => {
    const admin = await signedInAs("admin", "selfdeactivate");
    const version = getUserById(admin.id)!.version;
    const lastEvent = latestAuditId();
    const response = await runAction(
      statusAction,
      `/admin/users/${admin.id}/status`,
      { status: "deactivated", version: String(version) },
      { user: admin, ...params(admin.id) },
    );
    expect(response.status).toBe(400);
    expect((await readJson(response)).fieldErrors).toEqual({ status: "You cannot deactivate your own account" });
    expect(getUserById(admin.id)!.deactivatedAt).toBeNull();
    expect(countSessionsOfUser(admin.id)).toBe(1);
    expect(latestAuditId()).toBe(lastEvent);
  });

  it("a stale, tampered or repeated status change is refused and writes nothing", async () => {
    const admin = await signedInAs("admin");
    const person = await makeAccount("viewer");
    await runAction(
      editAction,
      `/admin/users/${person.id}/edit`,
      { name: "Edited Meanwhile", email: person.email, role: "viewer", version: "1" },
      { user: admin, ...params(person.id) },
    );
    const lastEvent = latestAuditId();
    const stale = await runAction(
      statusAction,
      `/admin/users/${person.id}/status`,
      { status: "deactivated", version: "1" },
      { user: admin, ...params(person.id) },
    );
    expect(stale.status).toBe(409);
    expect((await readJson(stale)).fieldErrors.status).toMatch(/Someone else changed this account/);
    for (const body of [
      {},
      { status: "deleted", version: "2" },
      { status: "deactivated", version: "x" },
      { status: "active", version: "2" },
    ]) {
      const response = await runAction(statusAction, `/admin/users/${person.id}/status`, body, { user: admin, ...params(person.id) });
      expect(response.status).toBe(400);
    }
    expect(getUserById(person.id)).toMatchObject({ deactivatedAt: null, version: 2 });
    expect(latestAuditId()).toBe(lastEvent);
  });
});

describe("resetting a password", () => {
  it("ends the person's sessions; the new password signs in and the old one does not", async () => {
    const admin = await signedInAs("admin");
    const person = await makeAccount("manager");
    const theirs = await sessionFor(person.id, person.email);
    expect((await runLoader(passwordLoader, `/admin/users/${person.id}/password`, { user: admin, ...params(person.id) })).status).toBe(200);

    const response = await runAction(
      passwordAction,
      `/admin/users/${person.id}/password`,
      { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      { user: admin, ...params(person.id) },
    );
    expect(redirectedTo(response)).toBe(`/admin/users/${person.id}`);
    expect(countSessionsOfUser(person.id)).toBe(0);
    expect(redirectedTo(await runLoader(dashboardLoader, "/", { user: theirs }))).toBe("/login");

    const [event] = listEntityHistory({ entityType: "user", entityId: person.id });
    expect(event).toMatchObject({ action: "reset_password", actorUserId: admin.id });
    expect(`${event.before}${event.after}${event.summary}`).not.toContain(NEW_PASSWORD);

    expect((await runAction(loginAction, "/login", { email: person.email, password: TEST_PASSWORD })).status).toBe(400);
    expect(redirectedTo(await runAction(loginAction, "/login", { email: person.email, password: NEW_PASSWORD }))).toBe("/");
  });

  it.each([
    ["empty", {}, ["password", "confirmPassword"]],
    ["11 characters", { password: "elevenchars", confirmPassword: "elevenchars" }, ["password"]],
    ["129 characters", { password: "p".repeat(129), confirmPassword: "p".repeat(129) }, ["password"]],
    ["not confirmed", { password: NEW_PASSWORD, confirmPassword: "" }, ["confirmPassword"]],
    ["confirmed differently", { password: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` }, ["confirmPassword"]],
  ])("a new password that is %s is refused at the field, and the old password still works", async (_label, body, fields) => {
    const admin = await signedInAs("admin");
    const person = await makeAccount("viewer");
    await sessionFor(person.id, person.email);
    const response = await runAction(passwordAction, `/admin/users/${person.id}/password`, body, { user: admin, ...params(person.id) });
    expect(response.status).toBe(400);
    const failure = await readJson(response);
    expect(Object.keys(failure.fieldErrors)).toEqual(fields);
    expect(JSON.stringify(failure.values)).not.toContain(NEW_PASSWORD);
    expect(countSessionsOfUser(person.id)).toBe(1);
    expect(getUserById(person.id)!.version).toBe(1);
  });

  it("an admin resetting their own password is signed out and sent to sign in again", async () => {
    const admin = await signedInAs("admin", "selfreset");
    const response = await runAction(
      passwordAction,
      `/admin/users/${admin.id}/password`,
      { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      { user: admin, ...params(admin.id) },
    );
    expect(redirectedTo(response)).toBe("/login");
    expect(countSessionsOfUser(admin.id)).toBe(0);
  });
});

// ---- every admin route refuses everyone below admin, and says so in the audit trail ----

const target = { id: 0 };
async function targetId(): Promise<number> {
  if (!target.id) target.id = (await makeAccount("viewer")).id;
  return target.id;
}

const ROUTES: { name: string; path: (id: number) => string; run: (user: TestUser | null, id: number) => Promise<Response> }[] = [
  { name: "GET /admin/users", path: () => "/admin/users", run: (user) => runLoader(listLoader, "/admin/users", { user }) },
  { name: "GET /admin/users/new", path: () => "/admin/users/new", run: (user) => runLoader(newLoader, "/admin/users/new", { user }) },
  {
    name: "POST /admin/users/new",
    path: () => "/admin/users/new",
    run: (user) => runAction(newAction, "/admin/users/new", { name: "Nope" }, { user }),
  },
  {
    name: "GET /admin/users/:id",
    path: (id) => `/admin/users/${id}`,
    run: (user, id) => runLoader(accountLoader, `/admin/users/${id}`, { user, ...params(id) }),
  },
  {
    name: "GET /admin/users/:id/edit",
    path: (id) => `/admin/users/${id}/edit`,
    run: (user, id) => runLoader(editLoader, `/admin/users/${id}/edit`, { user, ...params(id) }),
  },
  {
    name: "POST /admin/users/:id/edit",
    path: (id) => `/admin/users/${id}/edit`,
    run: (user, id) => runAction(editAction, `/admin/users/${id}/edit`, { name: "Hijacked", version: "x" }, { user, ...params(id) }),
  },
  {
    name: "GET /admin/users/:id/password",
    path: (id) => `/admin/users/${id}/password`,
    run: (user, id) => runLoader(passwordLoader, `/admin/users/${id}/password`, { user, ...params(id) }),
  },
  {
    name: "POST /admin/users/:id/password",
    path: (id) => `/admin/users/${id}/password`,
    run: (user, id) => runAction(passwordAction, `/admin/users/${id}/password`, { password: "short" }, { user, ...params(id) }),
  },
  {
    name: "GET /admin/users/:id/status",
    path: (id) => `/admin/users/${id}/status`,
    run: (user, id) => runLoader(statusLoader, `/admin/users/${id}/status`, { user, ...params(id) }),
  },
  {
    name: "POST /admin/users/:id/status",
    path: (id) => `/admin/users/${id}/status`,
    run: (user, id) => runAction(statusAction, `/admin/users/${id}/status`, { status: "deactivated" }, { user, ...params(id) }),
  },
  { name: "GET /admin/audit", path: () => "/admin/audit", run: (user) => runLoader(auditLoader, "/admin/audit", { user }) },
];

describeRoleMatrix(
  "staff accounts and audit trail",
  ROUTES.map((route) => ({ name: route.name, minRole: "admin" as const, run: async (user) => route.run(user, await targetId()) })),
);

describe("refusals are written to the audit trail", () => {
  it.each(["viewer", "officer", "manager"] as const)(
    "every admin page and form refuses a %s with 403, each refusal audited, nothing changed",
    async (role) => {
      const user = await signedInAs(role, "denial");
      const id = await targetId();
      const before = getUserById(id);
      for (const route of ROUTES) {
        const lastEvent = latestAuditId();
        const response = await route.run(user, id);
        expect(response.status, route.name).toBe(403);
        const events = listAuditEvents({ action: "denied", actorUserId: user.id }).events.filter((e) => e.id > lastEvent);
        expect(events, route.name).toHaveLength(1);
        expect(events[0]).toMatchObject({ entityType: "route", entityId: route.path(id), actorEmail: user.email });
        expect(events[0].summary).toContain(`needs admin, has ${role}`);
      }
      expect(getUserById(id)).toEqual(before);
    },
  );
});
