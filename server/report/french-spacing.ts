// French typography keeps the space before « : ; ! ? » » and after « on the same line as the sign:
// the report's sentences are written with plain spaces, and a line of the printed report began
// with a lone « » ». The spaces become no-break spaces in the text of the page only: tags, the
// style sheet and scripts are left as they are.
const NO_BREAK = "\u00a0";
const CODE = /(<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>|<[^>]*>)/;

export function frenchSpacing(page: string): string {
  return page
    .split(CODE)
    .map((part, i) =>
      // split() with a capturing group puts the separators (the code) at the odd places.
      i % 2 === 1
        ? part
        : // Any run of spaces and line ends: the page's source wraps its sentences, and a « » »
          // after a line end still began a printed line.
          part.replace(/«[ \t\n]+/g, `«${NO_BREAK}`).replace(/[ \t\n]+([»:;!?])/g, `${NO_BREAK}$1`),
    )
    .join("");
}
