// Sign-up and the signed-in user: POST /api/users, GET /api/me. Also used by the sign-up form.
import "@/lib/zod-setup";
import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/validation/storable-text";

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

export const EmailSchema = z
  .string()
  .trim()
  .max(254, "Email is too long.")
  .pipe(z.email("Enter a valid email address."))
  .transform((email) => email.toLowerCase());

export const PasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Password must be at most ${MAX_PASSWORD_LENGTH} characters.`);

export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, "Enter your name.")
  .max(80, "Name must be at most 80 characters.")
  .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

export const CreateUserRequest = z
  .strictObject({ email: EmailSchema, name: DisplayNameSchema, password: PasswordSchema })
  .meta({ id: "CreateUserRequest" });
export type CreateUserInput = z.infer<typeof CreateUserRequest>;

export const UserResponse = z
  .object({ id: z.uuid(), email: z.string(), name: z.string() })
  .meta({ id: "User" });
export type UserDto = z.infer<typeof UserResponse>;
