/** The body of POST /cases, checked at the edge; the use case receives a typed CreateCaseInput. */

import * as z from '#app/zod.ts';
import {
  codiceFiscaleMatchesBirthDate,
  isValidCodiceFiscale,
  normaliseCodiceFiscale,
} from '#domain/codice-fiscale.ts';
import { CONSULTATION_TYPES, type ConsultationType, LANGUAGES } from '#domain/model.ts';
import { isPlainLine, isPlainName } from '#domain/plain-text.ts';
import { PRIVACY_NOTICE_VERSIONS } from '#presentation/i18n/privacy.ts';
import type { CreateCaseInput } from '#usecases/patient/create-case.ts';

/** One line of visible text, trimmed, at most `max` characters (emails and pages show it again). */
const line = (max: number, min = 0) =>
  z
    .string()
    .check(
      z.trim(),
      z.maxLength(max),
      z.refine(isPlainLine, 'must be one line without control or direction characters'),
      ...(min ? [z.minLength(min)] : []),
    );
const name = z
  .string()
  .check(
    z.trim(),
    z.minLength(1),
    z.maxLength(100),
    z.refine(isPlainName, 'must be a name on one line, without control or direction characters or links'),
  );
const phone = z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9 ().-]{5,24}$/, 'is not a phone number'));
const country = z
  .string()
  .check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{2}$/, 'is not a two-letter country code'));
/** The codice fiscale as on the card (any case, any spacing), its check character checked. */
const taxCode = z
  .pipe(z.string().check(z.maxLength(40)), z.transform(normaliseCodiceFiscale))
  .check(
    z.refine(isValidCodiceFiscale, 'is not a valid codice fiscale (16 characters, check character included)'),
  );
const email = z.email().check(z.maxLength(254));
const person = { firstName: name, lastName: name, email, phone };
/** Where the printed report goes (the request form, and the case page's courier request). */
export const courierAddress = z.strictObject({
  name,
  line1: line(200, 1),
  line2: z.optional(line(200)),
  city: name,
  postalCode: line(20, 1),
  region: z.optional(line(100)),
  country,
});

/** POST /cases/{caseId}/courier-request. */
export const courierRequestSchema = z.strictObject({ address: courierAddress });

export const createCaseSchema = z
  .strictObject({
    patient: z.strictObject({
      ...person,
      // Optional when someone applies for the patient: the applicant then reads every email.
      email: z.optional(email),
      dateOfBirth: z.iso.date(),
      /** ISO 3166-1 alpha-2. */
      country,
      /** Printed on the receipts: asked of residents of Italy (to deduct the cost), optional for others. */
      taxCode: z.optional(taxCode),
    }),
    language: z.enum(LANGUAGES),
    consultationTypes: z.pipe(
      z.array(z.enum(CONSULTATION_TYPES)).check(z.minLength(1)),
      z.transform((types: ConsultationType[]) => [...new Set(types)]),
    ),
    courier: z._default(z.boolean(), false),
    courierAddress: z.optional(courierAddress),
    requester: z.optional(z.strictObject({ ...person, relationship: name })),
    previousReference: z.optional(line(40, 1)),
    /** The privacy notice the person ticked, by version: the server records when and by whom. */
    consent: z.strictObject({ version: z.enum(PRIVACY_NOTICE_VERSIONS), accepted: z.literal(true) }),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (!v.requester && !v.patient.email) {
        ctx.addIssue({
          code: 'custom',
          path: ['patient', 'email'],
          message: 'is needed unless someone applies for the patient',
        });
      }
      if (v.patient.country === 'IT' && !v.patient.taxCode) {
        ctx.addIssue({
          code: 'custom',
          path: ['patient', 'taxCode'],
          message: 'is needed for residents of Italy (it is printed on the receipt)',
        });
      }
      // The code holds the date of birth: a mismatch means one of the two is mistyped.
      const code = v.patient.taxCode;
      if (code && isValidCodiceFiscale(code) && !codiceFiscaleMatchesBirthDate(code, v.patient.dateOfBirth)) {
        ctx.addIssue({
          code: 'custom',
          path: ['patient', 'taxCode'],
          message: 'does not match the date of birth',
        });
      }
      if (v.courier && !v.courierAddress) {
        ctx.addIssue({
          code: 'custom',
          path: ['courierAddress'],
          message: 'is needed for delivery by courier',
        });
      }
      if (!v.courier && v.courierAddress) {
        ctx.addIssue({
          code: 'custom',
          path: ['courier'],
          message: 'must be true when a courier address is given',
        });
      }
    }),
  ) satisfies z.ZodMiniType<CreateCaseInput, unknown>;

/** What a client sends (the page, or any API client). */
export type CreateCaseRequest = z.input<typeof createCaseSchema>;
