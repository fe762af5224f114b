// The amount a look-up sums for a contract of alias `c`: an amount the ETL flagged as suspect
// (0, < 1 000 €, filler values) is left out, as the indicators leave it out. Shared by the
// server's look-ups and the ETL's party directory (lib/party-directory.ts), which ranks searches.
export const SUMMED_AMOUNT = "CASE WHEN NOT c.montant_suspect THEN c.montant END";
