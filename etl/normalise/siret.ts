// The one rule for "this is a SIRET", used by every stage: the cleaner (which type a party gets),
// the counts on each contract (titulaires identified by a valid SIRET) and the company key that
// groups establishments of one company (SIREN). Nothing else in the project decides it.
//
// A SIRET is valid when it has 14 digits and its check digit is right (Luhn key over the 14
// digits; La Poste's establishments, SIREN 356000000, use instead "sum of the digits is a multiple
// of 5"), and its declared type is SIRET or not given at all. A declared other type (TVA, HORS-UE,
// RIDET…) is trusted: such ids are never grouped as SIRETs.

const LA_POSTE_SIREN = "356000000";

export function hasSiretShape(id: string): boolean {
  return id.length === 14 && /^\d{14}$/.test(id);
}

/** The check digit rule of SIRET numbers (INSEE), La Poste's exception included. */
export function siretCheckDigitOk(id: string): boolean {
  if (!hasSiretShape(id)) return false;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = id.charCodeAt(i) - 48;
    // From the right, every second digit is doubled: with 14 digits, those at even positions.
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  if (sum % 10 === 0) return true;
  if (!id.startsWith(LA_POSTE_SIREN)) return false;
  let plain = 0;
  for (let i = 0; i < 14; i++) plain += id.charCodeAt(i) - 48;
  return plain % 5 === 0;
}

export interface PartyIdentity {
  /** The type to store: SIRET when a missing type is recognised from a valid id. */
  type: string | null;
  /** The party is identified by a valid SIRET. */
  siretValid: boolean;
  /** What groups a party by company: the SIREN of a valid SIRET, the id as it is otherwise. */
  company: string | null;
  /** A missing type was set to SIRET because the id is a valid SIRET. */
  typeInferred: boolean;
}

/** Decides, for a cleaned type and id, whether the party is identified by a valid SIRET. */
export function partyIdentity(type: string | null, id: string | null): PartyIdentity {
  const declaredOther = type !== null && type !== "SIRET";
  const siretValid = id !== null && !declaredOther && siretCheckDigitOk(id);
  return {
    type: type ?? (siretValid ? "SIRET" : null),
    siretValid,
    company: id === null ? null : siretValid ? id.slice(0, 9) : id,
    typeInferred: type === null && siretValid,
  };
}
