// Every value that goes into the report's HTML goes through `esc` (text and attribute values
// alike); `html` joins already-safe fragments. Only the charts' SVG, written by Vega from
// numbers and our own French titles, is inserted as markup (`trusted`).
export class Safe {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function esc(value: string | number): string {
  return String(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

type Part = string | number | Safe | null | undefined | false | Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (Array.isArray(part)) return part.map(render).join("");
  if (part instanceof Safe) return part.text;
  return esc(part);
}

/** Tagged template: interpolated values are escaped unless they are Safe fragments. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Safe {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new Safe(out);
}

/** Markup written by our own code from numbers (the Vega SVG charts). */
export const trusted = (markup: string) => new Safe(markup);

const WEB_ADDRESS = /https?:\/\/[^\s)]+/g;

/**
 * Text whose web addresses become links, escaped like any text: a reader can follow a source,
 * and a long address may break anywhere on a narrow screen (class "address").
 */
export function withLinks(text: string): Safe {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    parts.push(
      text.slice(last, match.index),
      html`<a class="address" href="${match[0]}">${match[0]}</a>`,
    );
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
}
