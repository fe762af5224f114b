// Child step: the reference points of the ETL figure, each run as its own process:
//   scan FILE                a plain Node byte scan of the file (the I/O floor)
//   as-published FILE DB     (a) DuckDB read_json of the file as published, unnested into a table
//   write-ndjson FILE NDJSON the same records one per line (the ETL's own splitter; not timed)
//   ndjson NDJSON DB         (b) DuckDB read_json of those lines into a table (near the parse floor)
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { openDatabase } from "../../lib/duckdb.ts";
import { readJsonRecords } from "../../etl/formats/json-reader.ts";

const [step, file, target] = process.argv.slice(2);
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
    // The whole file is one JSON object: maximum_object_size must exceed its size (< 4 GB).
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

async function ndjson(dbPath: string): Promise<void> {
  const db = await openDatabase(dbPath);
  await db.connection.run(
    `CREATE TABLE marches AS SELECT * FROM read_json(${literal(file)}, format = 'newline_delimited')`,
  );
  db.close();
}

if (step === "scan") await scan();
else if (step === "as-published") await asPublished(target);
else if (step === "write-ndjson") await writeNdjson(target);
else if (step === "ndjson") await ndjson(target);
else throw new Error(`unknown step ${step}`);
process.stderr.write(`PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
