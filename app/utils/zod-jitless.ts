/**
 * Zod 4 decides whether to JIT-compile object parsers by probing `new Function("")` when the first
 * object schema is created. Our Content-Security-Policy has no 'unsafe-eval', so in the browser that
 * probe is a CSP violation on every page. This module turns JIT off in the browser; it is imported
 * first by app/root.tsx so it runs before any route module defines a schema. The server keeps JIT.
 */
import { z } from "zod";

if (typeof document !== "undefined") z.config({ jitless: true });
