/** The body of POST /cases, checked at the edge; the use case receives a typed CreateCaseInput. */
import * as z from 'zod';
import {
  codiceFiscaleMatchesBirthDate,
  isValidCodiceFiscale,
  normaliseCodiceFiscale,
} from '#domain/codice-fiscale.ts';
import { CONSULTATION_TYPES, LANGUAGES } from '#domain/model.ts';
import { isPlainLine, isPlainName } from '#domain/plain-text.ts';
import { PRIVACY_NOTICE_VERSIONS } from '#presentation/i18n/privacy.ts';
import type { CreateCaseInput } from '#usecases/patient/create-case.ts';

/** One line of visible text, trimmed, at most `max` characters (emails and pages show it again). */
const line = (max: number) =>
  z.string().trim().max(max).refine(isPlainLine, 'must be one line without control or direction characters');
const name = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine(isPlainName, 'must be a name on one line, without control or direction characters or links');
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ().-]{5,24}$/, 'is not a phone number');
const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'is not a two-letter country code');
/** The codice fiscale as on the card (any case, any spacing), its check character checked. */
const taxCode = z
  .string()
  .max(40)
  .transform(normaliseCodiceFiscale)
  .refine(isValidCodiceFiscale, 'is not a valid codice fiscale (16 characters, check character included)');
/** Where the printed report goes (the request form, and the case page's courier request). */
export const courierAddress = z.strictObject({
  name,
  line1: line(200).min(1),
  line2: line(200).optional(),
  city: name,
  postalCode: line(20).min(1),
  region: line(100).optional(),
  country,
});

/** POST /cases/{caseId}/courier-request. */
export const courierRequestSchema = z.strictObject({ address: courierAddress });

const person = {
  firstName: name,
  lastName: name,
  email: z.email().max(254),
  phone,
};

export const createCaseSchema = z
  .strictObject({
    patient: z.strictObject({
      ...person,
      // Optional when someone applies for the patient: the applicant then reads every email.
      email: person.email.optional(),
      dateOfBirth: z.iso.date(),
      /** ISO 3166-1 alpha-2. */
      country,
      /** Printed on the receipts: asked of residents of Italy (to deduct the cost), optional for others. */
      taxCode: taxCode.optional(),
    }),
    language: z.enum(LANGUAGES),
    consultationTypes: z
      .array(z.enum(CONSULTATION_TYPES))
      .min(1)
      .transform((types) => [...new Set(types)]),
    courier: z.boolean().default(false),
    courierAddress: courierAddress.optional(),
    requester: z.strictObject({ ...person, relationship: name }).optional(),
    previousReference: line(40).min(1).optional(),
    /** The privacy notice the person ticked, by version: the server records when and by whom. */
    consent: z.strictObject({ version: z.enum(PRIVACY_NOTICE_VERSIONS), accepted: z.literal(true) }),
  })
  .superRefine((v, ctx) => {
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
  }) satisfies z.ZodType<CreateCaseInput, unknown>;

/** What a client sends (the page, or any API client). */
export type CreateCaseRequest = z.input<typeof createCaseSchema>;
