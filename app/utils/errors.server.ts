/**
 * Error responses thrown by loaders and actions, with a body in the reader's language. Page routes
 * show the body through the root error boundary; resource routes (JSON, exports) send it as is,
 * so it is plain text (UTF-8) rather than an English placeholder.
 */
import { requestTranslator } from "./forms";

const BODY = { 400: "common.badRequestBody", 403: "common.forbiddenBody", 404: "common.notFoundBody" } as const;

/**
 * A translated error Response to `throw`: `status` 400, 403 or 404, body `bodyKey` (default: the
 * status's own `common.*Body`) translated for `request` (language cookie, then Accept-Language).
 */
export function httpError(request: Request, status: keyof typeof BODY, bodyKey: string = BODY[status]): Response {
  return new Response(requestTranslator(request)(bodyKey), { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
