export * from "./users";
export * from "./organisations";
export * from "./engagements";
export * from "./audit";
export * from "./recommendations";
