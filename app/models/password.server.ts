import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

// OWASP Password Storage Cheat Sheet: scrypt with N=2^17, r=8, p=1.
// The parameters are stored in the hash so they can be raised later. Under NODE_ENV=test (vitest sets it)
// the cost is cut to 2^10: the suites create and sign in hundreds of accounts, and at the real cost each took
// about 2 s of CPU. A test checks that any other NODE_ENV gets the real parameters.
export const PRODUCTION_SCRYPT_N = 2 ** 17;
const N = process.env.NODE_ENV === "test" ? 2 ** 10 : PRODUCTION_SCRYPT_N;
const r = 8;
const p = 1;
const KEY_LENGTH = 64;

// Each scrypt at the real cost holds 128 MiB and 2 s of CPU while it runs, so a burst of sign-ins (for real or
// unknown emails alike) could exhaust the server. At most HASHING_SLOTS run at once; up to HASHING_QUEUE more
// wait in line; a sign-in beyond that is refused at once (PasswordHashingBusyError) rather than queued without end.
export const HASHING_SLOTS = 2;
export const HASHING_QUEUE = 8;
let running = 0;
const waiting: Array<() => void> = [];

/** Too many password checks are running or waiting: the caller should ask the person to try again shortly. */
export class PasswordHashingBusyError extends Error {
  constructor() {
    super("Too many password checks are running; try again shortly");
    this.name = "PasswordHashingBusyError";
  }
}

/** The number of password hashes running and waiting now (for tests). */
export function hashingLoad(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}

async function inHashingSlot<T>(work: () => Promise<T>, { refuseWhenFull }: { refuseWhenFull: boolean }): Promise<T> {
  if (running < HASHING_SLOTS) running++;
  else {
    if (refuseWhenFull && waiting.length >= HASHING_QUEUE) throw new PasswordHashingBusyError();
    // The slot is handed over by the finishing hash, so `running` stays counted.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const maxmem = 256 * (options.N ?? N) * (options.r ?? r) + 1024 * 1024;
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { ...options, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** A new hash; waits its turn for a hashing slot however long the line (an admin's or a script's change, not a sign-in). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await inHashingSlot(() => derive(password, salt, { N, r, p }), { refuseWhenFull: false });
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Does the password match the stored hash? Throws PasswordHashingBusyError when the line for a hashing slot is full. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await inHashingSlot(() => derive(password, Buffer.from(salt, "base64"), { N: Number(n), r: Number(rr), p: Number(pp) }), {
    refuseWhenFull: true,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to compare against when the account does not exist, so timing does not reveal which emails exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}
