/**
 * The version of the privacy notice the request page shows (the `privacyText` of i18n/{en,it}/
 * patient.ts): the server records which one a person agreed to. Change it whenever the text changes.
 */
export const PRIVACY_NOTICE_VERSION = '2026-03';

/** Versions the server accepts (the current one; an older one while pages showing it may still be open). */
export const PRIVACY_NOTICE_VERSIONS = [PRIVACY_NOTICE_VERSION] as const;
