import { json } from "@remix-run/node";
import { databaseAnswers } from "~/models/health.server";

export function loader() {
  try {
    databaseAnswers();
    return json({ status: "ok" });
  } catch {
    return json({ status: "database unavailable" }, { status: 503 });
  }
}
