// Modules the server serves from node_modules under /vendor (server/routes/static.ts), imported by
// their address in the browser. Only what the client reads of them is declared.
declare module "*/vega-interpreter.js" {
  export const expressionInterpreter: unknown;
}
