import { parseConfig } from '#app/config.ts';
import { siteOf } from '#app/site.ts';

/** A complete, valid environment for shared/config.ts, for tests. */
export const VALID_ENV = {
  STAGE: 'dev',
  TABLE_NAME: 'second-opinion',
  BUCKET_NAME: 'documents',
  STATE_MACHINE_ARN: 'arn:aws:states:eu-south-1:000000000000:stateMachine:second-opinion',
  PUBLIC_BASE_URL: 'http://localhost:3000/',
  UPLOAD_ORIGIN: 'http://localhost:3002',
  SENDER_EMAIL: 'second-opinion@hospital.example',
  SES_CONFIGURATION_SET: 'second-opinion',
  TEXTRACT_SNS_TOPIC_ARN: 'arn:aws:sns:eu-south-1:000000000000:textract',
  TEXTRACT_ROLE_ARN: 'arn:aws:iam::000000000000:role/textract',
  OFFICE_EMAIL: 'office@hospital.example',
  HOSPITAL_NAME: 'Ospedale Oncologico di Milano',
  OFFICE_PHONE: '+39 02 5748 9000',
  OFFICE_ADDRESS: 'Via Ripamonti 435, 20141 Milano, Italia',
  PATHOLOGY_ADDRESS: 'Anatomia Patologica, Via Ripamonti 435, 20141 Milano, Italia',
  OFFICE_HOURS: '1-5 09:00-17:00',
  BANK_BENEFICIARY: 'Hospital Foundation',
  BANK_IBAN: 'IT60X0542811101000000123456',
  BANK_BIC: 'BPMOIT22XXX',
  HOSPITAL_VAT_NUMBER: 'IT12345678903',
};

/** The site the pages and emails show, from VALID_ENV. */
export const VALID_SITE = siteOf(parseConfig(VALID_ENV));
