// Parts of a page that redraw alone. Each part names the address keys it reads; when a control
// changes some keys, only the parts that read them fetch and draw again, while the rest of the
// page (and the element the reader was on) stays as it is.
import { finalizeChartsIn } from "./charts/render.js";
import { h, replace } from "./dom.js";

/**
 * @typedef {{ nodes: import("./dom.js").Child[], after?: () => Promise<void> }} PartContent
 *   nodes: what the part shows; after: what to do once they are in the page (draw charts)
 * @typedef {{ keys: string[], element: HTMLElement, draw: () => Promise<void> }} Part
 */

/**
 * @param {string[]} keys  the address keys the part reads
 * @param {() => Promise<PartContent>} build
 * @param {import("./dom.js").Attrs} [attrs]  of the part's own element
 * @returns {Part}
 */
export function part(keys, build, attrs = {}) {
  const element = h("div", { class: "part", ...attrs });
  let latest = 0;
  return {
    keys,
    element,
    async draw() {
      const ticket = ++latest;
      element.setAttribute("aria-busy", "true");
      try {
        const content = await build();
        // A later change of the same keys won the race: its answer is the one to show.
        if (ticket !== latest) return;
        finalizeChartsIn(element);
        replace(element, content.nodes);
        await content.after?.();
      } catch (error) {
        if (ticket !== latest) return;
        replace(
          element,
          h("p", { class: "error" }, error instanceof Error ? error.message : String(error)),
        );
      } finally {
        if (ticket === latest) element.setAttribute("aria-busy", "false");
      }
    },
  };
}

/**
 * Draws again the parts that read one of the changed keys.
 * @param {Part[]} parts
 * @param {Set<string>} changed
 */
export function redraw(parts, changed) {
  return Promise.all(parts.filter((p) => p.keys.some((k) => changed.has(k))).map((p) => p.draw()));
}
