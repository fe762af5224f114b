// The reference points of the ETL figure, each run as its own process:
//   scan  FILE            a plain Node byte scan of the file
//   as-published FILE DB  DuckDB read_json of the file as published, unnested into a table
//   ndjson FILE NDJSON DB write the same records one per line (not timed), then DuckDB reads them
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { openDatabase } from "../../lib/duckdb.ts";
import { readJsonRecords } from "../../etl/formats/json-reader.ts";

const [step, file, a, b] = process.argv.slice(2);
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

async function scan(): Promise<void> {
  let newlines = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) newlines++;
  }
  process.stdout.write(`${newlines}\n`);
}

async function asPublished(dbPath: string): Promise<void> {
  const db = await openDatabase(dbPath);
  await db.connection.run(
    `CREATE TABLE marches AS SELECT unnest(marches.marche, max_depth := 2)
     FROM read_json(${literal(file)}, maximum_object_size = 4000000000)`,
  );
  db.close();
}

async function writeNdjson(target: string): Promise<void> {
  const out = createWriteStream(target);
  for await (const record of readJsonRecords(createReadStream(file), file, undefined, false)) {
    if (!out.write(record.raw.replace(/\n/g, " ") + "\n")) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

async function ndjson(source: string, dbPath: string): Promise<void> {
  const db = await openDatabase(dbPath);
  await db.connection.run(
    `CREATE TABLE marches AS SELECT * FROM read_json(${literal(source)}, format = 'newline_delimited')`,
  );
  db.close();
}

if (step === "scan") await scan();
else if (step === "as-published") await asPublished(a);
else if (step === "write-ndjson") await writeNdjson(a);
else if (step === "ndjson") await ndjson(a, b);
else throw new Error(`unknown step ${step}`);
process.stderr.write(`PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
