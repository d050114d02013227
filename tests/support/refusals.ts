// A post the service must refuse: the form comes back (400) with an error at the field, and nothing is written.
import { expect } from "vitest";
import { readJson } from "./requests";

/**
 * Runs `run` and expects a 400 with an error at `field` (matching `message` when given) and the counts `countRows`
 * reads unchanged. Returns the response's body.
 */
export async function expectRefusedWithoutWrites(countRows: () => unknown, run: () => Promise<Response>, field: string, message?: RegExp) {
  const before = countRows();
  const response = await run();
  expect(response.status).toBe(400);
  const body = await readJson(response);
  expect(Object.keys(body.fieldErrors)).toContain(field);
  if (message) expect(body.fieldErrors[field]).toMatch(message);
  expect(countRows()).toEqual(before);
  return body;
}
