// Before the browser tests: choose the Chromium once (and, for the packaged one, unpack it once: two
// workers unpacking at the same time could launch a half-written file), and say which is used.
import { chooseChromium } from "./browser";

export default async function setup() {
  const choice = await chooseChromium();
  console.log(`Browser tests use Chromium from ${choice.source}: ${choice.executablePath}`);
}
