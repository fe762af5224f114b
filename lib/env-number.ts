// Numbers read from environment variables (npm start's limits, the ETL's sizes and threads): one
// rule and one message for all of them, so that an operator's typo stops the program with the
// variable, what it counts and the value it had, instead of becoming NaN somewhere later.

export type Env = Record<string, string | undefined>;

export interface EnvNumberRule {
  /** What the number counts, for the message: "threads", "MB"… (none for a port). */
  counts?: string;
  /** The value when the variable is unset or empty. */
  fallback: number;
  /** The smallest value allowed. */
  min: number;
  /** `min` itself is refused: the value must be above it (a size in MB above 0). */
  aboveMin?: boolean;
  /** The largest value allowed (default: the largest whole number JavaScript holds exactly). */
  max?: number;
  /** Allows a decimal number, such as 0.5 MB; whole numbers only by default. */
  decimal?: boolean;
  /** What 0 asks for, when 0 is allowed and means something ("0: no worker"). */
  zero?: string;
}

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * The number in `env[name]` by `rule`, or the rule's fallback when the variable is unset or
 * empty; anything else (a sign, a unit, an exponent, a value out of range) throws an error that
 * names the variable, what is expected and the value.
 */
export function numberFromEnv(env: Env, name: string, rule: EnvNumberRule): number {
  const text = env[name]?.trim();
  if (text === undefined || text === "") return rule.fallback;
  const max = rule.max ?? Number.MAX_SAFE_INTEGER;
  const value = Number(text);
  if (
    !(rule.decimal ? DECIMAL : WHOLE).test(text) ||
    value < rule.min ||
    (rule.aboveMin === true && value === rule.min) ||
    value > max
  ) {
    throw new Error(`${name} must be ${expected(rule, max)}, not "${text}"`);
  }
  return value;
}

/** « a whole number of threads from 1 to 999 (0: no worker) ». */
function expected(rule: EnvNumberRule, max: number): string {
  const kind = rule.decimal ? "a number" : "a whole number";
  const from = `${rule.aboveMin ? "above" : "from"} ${rule.min}`;
  const range = max === Number.MAX_SAFE_INTEGER ? from : `${from} to ${max}`;
  const counts = rule.counts ? ` of ${rule.counts}` : "";
  return `${kind}${counts} ${range}${rule.zero ? ` (${rule.zero})` : ""}`;
}
