// ESLint flat config. Besides the usual TypeScript, React and accessibility rules, it enforces the
// layout of docs/decisions/0007-layout.md: data flows one way, and only app/models touches the database.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const DB = { regex: "^(~db|(\\.\\./)+db)(/|$)", message: "Only app/models may import the database (db/)." };
const up = (folders, why) => ({ regex: `^(~/|(\\.\\./)+)(${folders.join("|")})(/|$)`, message: why });
const SERVER_CODE = { regex: "\\.server(\\.tsx?)?$", message: "Client-safe code may not import *.server modules." };

/** Imports each folder may not make; type-only imports are allowed where `allowTypeImports` says so. */
const boundaries = [
  {
    files: ["app/domain/**"],
    patterns: [DB, up(["routes", "models", "forms", "components", "exports", "server", "root"], "app/domain imports nothing of the app.")],
  },
  {
    files: ["app/models/**"],
    patterns: [
      up(["routes", "components", "exports", "server", "root"], "Models never import routes, components, exports or request plumbing."),
    ],
  },
  {
    files: ["app/forms/**"],
    patterns: [DB, up(["routes", "models", "components", "exports", "server", "root"], "Forms import only app/domain."), SERVER_CODE],
  },
  {
    files: ["app/server/**"],
    patterns: [DB, up(["routes", "components", "exports", "root"], "Request plumbing never imports routes, components or exports.")],
  },
  {
    files: ["app/exports/**"],
    patterns: [DB, up(["routes", "server", "root"], "File writers never import routes or request plumbing.")],
    typeOnly: [up(["models"], "File writers take rows from models as values (type imports only).")],
  },
  {
    files: ["app/components/**"],
    patterns: [
      DB,
      up(["routes", "server", "exports", "root"], "Components never import routes, request plumbing or file writers."),
      SERVER_CODE,
    ],
    typeOnly: [up(["models"], "Components may use model types, never model code.")],
  },
  { files: ["app/routes/**", "app/root.tsx", "app/entry.*"], patterns: [DB] },
  {
    files: ["db/**"],
    patterns: [up(["routes", "models", "forms", "components", "exports", "server", "root"], "db/ may import only app/domain.")],
  },
];

export default tseslint.config(
  { ignores: ["build/**", "build-*/**", "public/**", "node_modules/**", "tmp/**", "data/**", ".cache/**", "migrations/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": ["error", { selector: "TSAsExpression > TSAnyKeyword", message: "No casts to any." }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat["jsx-runtime"].rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "react/prop-types": "off",
      // Apostrophes and quotes are ordinary text in the service's copy; only > and } are ambiguous in JSX.
      "react/no-unescaped-entities": ["error", { forbid: [">", "}"] }],
      // Focus is moved on purpose, and only after the person asked for it: to the new row after a no-JS
      // "Add another", or to the error summary after a failed post (GOV.UK's pattern).
      "jsx-a11y/no-autofocus": "off",
    },
  },
  {
    // Stripping control characters from what goes into files is what these expressions are for.
    files: ["app/exports/**", "app/forms/**", "app/domain/**"],
    rules: { "no-control-regex": "off" },
  },
  {
    // Tests read loaders' JSON loosely; the loaders' own types are checked where they are produced.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  ...boundaries.map(({ files, patterns, typeOnly }) => ({
    files,
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [...patterns.map((p) => ({ ...p })), ...(typeOnly ?? []).map((p) => ({ ...p, allowTypeImports: true }))] },
      ],
    },
  })),
);
