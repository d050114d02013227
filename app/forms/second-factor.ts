import { z } from "zod";
import { newPassword, requiredText } from "./fields";

/** A 6-digit code from an authenticator app; spaces and hyphens are ignored. */
export const totpCodeSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[\s-]/g, "") : v),
    z
      .string({ error: "Enter the 6-digit code from your authenticator app" })
      .min(1, "Enter the 6-digit code from your authenticator app")
      .regex(/^\d{6}$/, "The code must be 6 digits, like 123456"),
  ),
});

/** A recovery code: 10 letters and digits, with or without the hyphen. */
export const recoveryCodeSchema = z.object({
  recoveryCode: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[\s-]/g, "") : v),
    z
      .string({ error: "Enter one of your recovery codes" })
      .min(1, "Enter one of your recovery codes")
      .regex(/^[0-9A-Za-z]{10}$/, "A recovery code is 10 letters and numbers, like abcde-12345"),
  ),
});

export const passkeyNameSchema = z.object({
  name: requiredText("a name for this passkey", 60).pipe(z.string().regex(/^[^\p{Cc}]*$/u, "The name must be plain text on one line")),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password" })
      .min(1, "Enter your current password")
      .max(1024, "Enter your current password"),
    password: newPassword,
    confirmPassword: z.string({ error: "Confirm your new password" }).min(1, "Confirm your new password"),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" });

export const securitySettingsSchema = z.object({
  requireSecondFactor: z.enum(["on", "off"], { error: "Choose whether everyone must have a second factor" }),
  passwordSignIn: z.enum(["on", "off"], { error: "Choose whether people may sign in with a password" }),
});
