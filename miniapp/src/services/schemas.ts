import { z } from 'zod';

/**
 * zod compiles fast object parsers with `new Function` when it may. The H5 page's Content Security
 * Policy forbids eval (the server sends no 'unsafe-eval'), and WeChat's runtime has no eval at all:
 * zod's probe for it would be refused and reported as a violation on every launch. Parsing without
 * it is fast enough for the few responses a page reads. Imported by app.tsx before anything parses.
 */
z.config({ jitless: true });
