export * from "./ErrorSummary";
export * from "./Fields";
export * from "./Display";
export * from "./Table";
export * from "./DateInput";
