export * from "./users";
export * from "./organisations";
export * from "./engagements";
export * from "./audit";
export * from "./second-factor";
export * from "./imports";
export * from "./recommendations";
export * from "./counts";
