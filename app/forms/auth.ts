import { z } from "zod";
import { emailAddress, newPassword, requiredText } from "./fields";

export const signInSchema = z.object({
  email: emailAddress,
  // Sign-in checks only presence: the length rules apply when a password is set.
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024, "Enter your password"),
  redirectTo: z.string().optional(),
});

export const setupSchema = z
  .object({
    token: z.string().min(1),
    name: requiredText("your full name", 120),
    email: emailAddress,
    password: newPassword,
    confirmPassword: z.string({ error: "Confirm your password" }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" });
