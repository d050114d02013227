// A write that waited too long for another process's lock (thrown by writeTransaction): re-exported
// here, in a .server module, so that request plumbing can recognise it without importing db/.
export { DatabaseBusyError } from "~db/connection";
