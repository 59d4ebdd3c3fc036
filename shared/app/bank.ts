/**
 * The bank details patients pay to, checked where they are configured (the Lambda environment and
 * the CDK stage): an IBAN with its country's length and format and its mod-97 checksum, a BIC of
 * the ISO 9362 format. A typo here would send patients' money to another account.
 */
import { isValidBIC, isValidIBAN } from 'ibantools';
import * as z from 'zod';

export const ibanSchema = z
  .string()
  .regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, 'is not an IBAN (capitals, no spaces)')
  .refine((iban) => isValidIBAN(iban), 'is not a valid IBAN (its length, format or check digits are wrong)');

export const bicSchema = z
  .string()
  .regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'is not a BIC (capitals, 8 or 11 characters)')
  .refine(
    (bic) => isValidBIC(bic),
    'is not a BIC (4 bank letters, 2 country letters, 2 location characters, optional 3 branch characters)',
  );
