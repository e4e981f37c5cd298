/**
 * @module Diagnostics the capture leaves behind for `npm run bench`: when each step of the last capture began.
 * Only step names and milliseconds — never page data.
 */

/** storage.session key of the last capture's step start times, in ms after the request reached the worker. */
export const LAST_TIMINGS_KEY = 'capture:lastStepStarts';
