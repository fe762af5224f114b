// Security headers, set by hand on every response (static files and API alike).
import type { RequestHandler } from "express";

// script-src needs 'unsafe-eval' for one reason: arquero (used in the browser to pivot the tables
// under the charts and to write the on-screen CSV) compiles its table expressions with Function().
// Everything else stays strict: no inline script, no other origin, so injected markup cannot run.
// Styles: files only; the chart libraries' own <style> injections are turned off
// (client/src/charts/render.js) and replaced by client/styles/charts.css.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  next();
};
