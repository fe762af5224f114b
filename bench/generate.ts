// npm run generate -- --contracts N --format v1|v2|tabular-parquet|tabular-csv --out FILE [--seed S]
// npm run generate -- --contracts N --format sirene-csv|sirene-parquet --out DIR [--seed S]
//                     [--legal-units 25000000] [--establishments 30000000]
// Writes a national-size SYNTHETIC DECP file modelled on the real samples. The file says so in its
// first key ("$synthetic"; a Parquet metadata key or a CSV column for the tabular formats), which
// the ETL reads: the dashboard then shows the data as synthetic. The tabular formats write the
// same contracts as decp.info's consolidated table (bench/generator/tabular.ts). The SIRENE
// formats write the two INSEE stocks holding the SIRETs of the contracts of the same N and seed
// (bench/generator/sirene.ts).
import { createWriteStream, statSync } from "node:fs";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Random } from "./generator/random.ts";
import { loadTemplates } from "./generator/templates.ts";
import { DIRT, makePools, makeRecord, republish, type Format } from "./generator/make-record.ts";
import { SAMPLES_DIR } from "../etl/pipeline.ts";
import { generateTabular } from "./generator/tabular.ts";
import { generateSirene } from "./generator/sirene.ts";

const FORMATS = ["v1", "v2", "tabular-parquet", "tabular-csv"] as const;
const SIRENE_FORMATS = ["sirene-csv", "sirene-parquet"] as const;
type SireneOutput = (typeof SIRENE_FORMATS)[number];
type OutputFormat = (typeof FORMATS)[number];

export interface GenerateOptions {
  contracts: number;
  format: OutputFormat;
  out: string;
  seed: number;
}

export async function generate(
  options: GenerateOptions,
): Promise<{ records: number; rows?: number; bytes: number }> {
  const random = new Random(options.seed);
  const format: Format = options.format === "v1" ? "v1" : "v2";
  const templates = loadTemplates(SAMPLES_DIR)[format];
  const pools = makePools(random, options.contracts);
  const meta = {
    generator: "decp-observatory bench/generate.ts",
    seed: options.seed,
    contracts: options.contracts,
    format: options.format,
    note: "Données synthétiques, générées pour mesurer les performances : ne pas utiliser comme données réelles.",
  };
  if (options.format === "tabular-parquet" || options.format === "tabular-csv") {
    const { rows } = await generateTabular({
      random,
      templates,
      pools,
      contracts: options.contracts,
      format: options.format === "tabular-parquet" ? "parquet" : "csv",
      out: options.out,
      meta,
    });
    return { records: options.contracts, rows, bytes: statSync(options.out).size };
  }
  const out = createWriteStream(options.out);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  };
  await write(
    `{"$synthetic":${JSON.stringify(meta)},\n"marches":${format === "v2" ? '{"marche":[' : "["}\n`,
  );
  let batch = "";
  let written = 0;
  let previous: Record<string, unknown> | null = null;
  for (let i = 0; i < options.contracts; i++) {
    const record: Record<string, unknown> =
      previous && random.chance(DIRT.republished)
        ? republish(previous, random)
        : makeRecord(random, random.pick(templates), format, i, pools);
    previous = record;
    batch += (written++ > 0 ? ",\n" : "") + JSON.stringify(record);
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = "";
    }
  }
  await write(`${batch}\n${format === "v2" ? "]}}" : "]}"}\n`);
  out.end();
  await once(out, "finish");
  return { records: written, bytes };
}

const USAGE =
  `usage: npm run generate -- --contracts N --format ${FORMATS.join("|")} --out FILE [--seed S]\n` +
  `       npm run generate -- --contracts N --format ${SIRENE_FORMATS.join("|")} --out DIR [--seed S] [--legal-units N] [--establishments N]\n`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        contracts: { type: "string" },
        format: { type: "string", default: "v2" },
        out: { type: "string" },
        seed: { type: "string", default: "20240101" },
        "legal-units": { type: "string", default: "25000000" },
        establishments: { type: "string", default: "30000000" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    // An unknown or incomplete option: say which, then how to call it.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const contracts = Number(values.contracts);
  if ((SIRENE_FORMATS as readonly string[]).includes(values.format) && values.out) {
    return sirene(values.format as SireneOutput, contracts, values.out, values);
  }
  if (
    !Number.isInteger(contracts) ||
    contracts < 1 ||
    !values.out ||
    !(FORMATS as readonly string[]).includes(values.format)
  ) {
    process.stderr.write(USAGE);
    return 2;
  }
  const started = Date.now();
  const result = await generate({
    contracts,
    format: values.format as OutputFormat,
    out: values.out,
    seed: Number(values.seed),
  });
  process.stderr.write(
    `${result.records} synthetic records${result.rows === undefined ? "" : ` (${result.rows} rows)`} (${(result.bytes / 1e6).toFixed(0)} MB) written to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
}

async function sirene(
  format: SireneOutput,
  contracts: number,
  outDir: string,
  values: { seed: string; "legal-units": string; establishments: string },
): Promise<number> {
  const legalUnits = Number(values["legal-units"]);
  const establishments = Number(values.establishments);
  if (![contracts, legalUnits, establishments].every((n) => Number.isInteger(n) && n >= 1)) {
    process.stderr.write("--contracts, --legal-units and --establishments are whole numbers\n");
    return 2;
  }
  const started = Date.now();
  const files = await generateSirene({
    contracts,
    seed: Number(values.seed),
    legalUnits,
    establishments,
    format: format === "sirene-csv" ? "csv" : "parquet",
    outDir,
  });
  for (const file of [files.unitesLegales, files.etablissements]) {
    process.stderr.write(`${file}: ${(statSync(file).size / 1e6).toFixed(0)} MB\n`);
  }
  process.stderr.write(
    `synthetic SIRENE stocks (${files.decpUnits} units and ${files.decpEstablishments} establishments of the DECP of ${contracts} contracts, seed ${values.seed}) written in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();
