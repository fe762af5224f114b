// Types of rule-value-text.js for the server's TypeScript (the module itself is plain JavaScript,
// so that the browser loads the same file).
export function ruleValueText(
  rule: { value: number | null; n_scope: number },
  formatShare: (share: number) => string,
): string;
export function unverifiableText(rule: {
  title: string;
  unverifiable: { label: string; contracts: number }[];
}): string | null;
