// Security headers, set by hand on every response (static files and API alike).
import type { RequestHandler } from "express";

// Scripts: files of this origin only. No inline script and no 'unsafe-eval': Vega evaluates the
// charts' expressions with its interpreter (client/src/charts/render.js) instead of compiling them
// with Function(), and the tables are pivoted by the dashboard's own code. Injected markup cannot
// run. Styles: files only; the chart libraries' own <style> injections are turned off
// (client/src/charts/render.js) and replaced by client/styles/charts.css.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Every response's security headers, as [name, value] (front-door.ts writes them itself). */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ["Content-Security-Policy", CONTENT_SECURITY_POLICY],
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "no-referrer"],
  ["X-Frame-Options", "DENY"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
  ["Permissions-Policy", "camera=(), microphone=(), geolocation=()"],
];

export const securityHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  next();
};
