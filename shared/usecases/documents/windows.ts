/**
 * How long each step of a document may take, in real seconds, in one place: the upload check's
 * function timeout (functions/manifest.ts takes it from here), and the windows past which a
 * document counts as stuck and a redelivery or the reconciler takes it up again. On the local
 * stack's fast clock they stay real time: the use cases multiply them by CLOCK_SPEED, as the
 * Lambdas' timeouts are real time there too.
 */

/** The upload-received function's timeout: a check claimed this long ago has ended, one way or another. */
export const CHECK_SECONDS = 120;

/** A check claimed longer ago than this was killed mid-way (timeout, out of memory): it may be claimed again. */
export const STALE_CHECK_SECONDS = CHECK_SECONDS + 30;

/** Checks of one document, by the queue's deliveries or the reconciler, before it is `failed` for good. */
export const CHECK_ATTEMPTS = 5;

/** A document `reading` this long is looked up at Textract: its completion may have been lost. */
export const READING_SECONDS = 30 * 60;

/** A document still `reading` this long is `failed`, whatever Textract says. */
export const READING_GIVE_UP_SECONDS = 24 * 60 * 60;

/**
 * An upload never sent is given up this long after its window closed: S3 refuses a POST that
 * starts after the window, and one that started in time has arrived by then.
 */
export const UPLOAD_GRACE_SECONDS = 60 * 60;

/** The reconciler's schedule and timeout; it takes up a check only with CHECK_SECONDS left. */
export const RECONCILE_EVERY_MINUTES = 10;
export const RECONCILE_SECONDS = 300;
