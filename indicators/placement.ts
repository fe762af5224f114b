// Where the dashboard shows each indicator, from the definitions (`theme`, `rank`, `pages`): the
// home page's questions in their order, each with its indicators, and the indicators of each
// other page, in order (rank, then id). The catalogue API serves it, so the client holds no list.
import { z } from "zod";
import type { ParsedDefinition } from "./compiler/schema.ts";
import { PAGE_IDS, THEME_IDS, THEMES, type PageId } from "./compiler/themes.ts";

const Ids = z.array(z.string());

export const PlacementSchema = z.strictObject({
  themes: z
    .array(
      z.strictObject({
        id: z.enum(THEME_IDS),
        title: z.string().describe("The question, in French."),
        indicators: Ids.describe("Ids of the indicators that answer it, in order."),
      }),
    )
    .describe("The home page's questions, in order; a question without an indicator is left out."),
  pages: z
    .strictObject(
      Object.fromEntries(PAGE_IDS.map((page) => [page, Ids])) as Record<PageId, typeof Ids>,
    )
    .describe("For each other page, the ids of the indicators it shows, in order."),
});

export type Placement = z.output<typeof PlacementSchema>;

type Placed = Pick<ParsedDefinition, "id" | "theme" | "rank" | "pages">;

const inOrder = (rank: (d: Placed) => number) => (a: Placed, b: Placed) =>
  rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function placeIndicators(definitions: readonly Placed[]): Placement {
  const themes = THEMES.map((theme) => ({
    id: theme.id,
    title: theme.title,
    indicators: definitions
      .filter((d) => d.theme === theme.id)
      .sort(inOrder((d) => d.rank))
      .map((d) => d.id),
  })).filter((theme) => theme.indicators.length > 0);
  const pages = Object.fromEntries(
    PAGE_IDS.map((page) => [
      page,
      definitions
        .filter((d) => d.pages[page] !== undefined)
        .sort(inOrder((d) => d.pages[page] ?? 0))
        .map((d) => d.id),
    ]),
  ) as Record<PageId, string[]>;
  return { themes, pages };
}
