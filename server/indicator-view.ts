// What the API says about an indicator: the engine's summary (indicators/summary.ts: the
// definition as users need it, its unit in French and its shape), with its breakdowns and
// filters named in French for the client's pickers.
import { summarise, type IndicatorDefinition, type Model } from "../indicators/index.ts";
import type { DimensionRef, Indicator } from "./api-types.ts";

function ref(model: Model, id: string): DimensionRef {
  return { id, label: model.dimensions.get(id)?.label ?? id };
}

export function describeIndicator(definition: IndicatorDefinition, model: Model): Indicator {
  return {
    ...summarise(definition),
    breakdowns: definition.breakdowns.map((id) => ref(model, id)),
    filters: definition.filters.map((id) => ref(model, id)),
  };
}
