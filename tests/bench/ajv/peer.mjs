// peer.mjs - the benchmark peer: what claimtrack check does first, done with
// ajv on Node.js.  Every line of every *.jsonl file under DIR is parsed,
// validated against the claim schema (schema/topic.schema.json,
// $defs/jsonlClaim, draft 2020-12, formats asserted) and grouped by (topic,
// subject, property); prints the claims, groups and invalid lines.
//   node peer.mjs SCHEMA DIR
import { readFileSync, readdirSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const [schemaPath, dir] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: false, strict: false });
addFormats(ajv);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
ajv.addSchema(schema, 'topic');
const validate = ajv.getSchema('topic#/$defs/jsonlClaim');
const groups = new Map();
let claims = 0, invalid = 0;
for (const name of readdirSync(dir).sort()) {
  if (!name.endsWith('.jsonl')) continue;
  const lines = createInterface({ input: createReadStream(join(dir, name)), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let claim;
    try { claim = JSON.parse(line); } catch { invalid++; continue; }
    if (!validate(claim)) { invalid++; continue; }
    const key = claim.topic + '\u001f' + claim.subject + '\u001f' + claim.property;
    const g = groups.get(key);
    if (g) g.push(claim); else groups.set(key, [claim]);
    claims++;
  }
}
console.log(`${claims} claims, ${groups.size} groups, ${invalid} invalid`);
