/** The time zone in which the service's days begin and end: deadlines, prices and pages all count in it. */
export const SITE_ZONE = 'Europe/Rome';
