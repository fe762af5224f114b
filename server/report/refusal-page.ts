// The page a person sees when the annual report they opened cannot be made (a year in which the
// buyer notified no contract, a SIRET of no buyer): the refusal's own French words, with a way
// back to the buyer's page, instead of the API's JSON body. Only for a browser that asks for a
// page (its Accept header prefers HTML, as a followed link does); a program asking the same
// address still gets the JSON refusal, code and param included.
import type { ApiError } from "../errors.ts";
import { esc } from "./html-escape.ts";

/** The refusal as a page of its own: no script, inline style only (the report's CSP). */
export function refusalPage(siret: string, error: ApiError): string {
  const said = error.issues.map((issue) => issue.message);
  const sentences = said.map((text) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapport annuel indisponible</title>
<style>body{font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#1d4f91}</style>
</head>
<body>
<main>
<h1>Rapport annuel indisponible</h1>
${sentences.map((text) => `<p>${esc(text)}</p>`).join("\n")}
<p><a href="/acheteur/${esc(siret)}">Revenir à la fiche de l'acheteur</a></p>
</main>
</body>
</html>
`;
}
