// A workshop definition in the page address (`?d=`, base64url of its JSON), so a link re-opens
// the workshop with it. Decoding never trusts the text: anything that is not a JSON object gives
// null, and the server checks whatever comes through like any other definition.

/** @param {unknown} definition */
export function encodeDefinition(definition) {
  const bytes = new TextEncoder().encode(JSON.stringify(definition));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * @param {string} text
 * @returns {Record<string, unknown> | null}
 */
export function decodeDefinition(text) {
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const value = JSON.parse(new TextDecoder().decode(bytes));
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}
