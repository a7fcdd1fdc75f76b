// Validates documents against the schemas of an OpenAPI description, with ajv in strict mode: each
// operation's request body, and its 200 response. The OpenAPI document is added to ajv whole, as one schema
// resource whose non-schema members (openapi, info, paths, ...) are declared annotations; its
// `#/components/schemas/...` references then resolve inside it, which they would not if a component carried
// an `$id` of its own.
//
//   NODE_PATH=<node_modules> node openapi-ajv.cjs OPENAPI_JSON KIND=FILE...
//
// Prints one JSON object: {"<file>": ["<instance path>", ...]} (sorted, unique paths of the errors; empty
// for a valid document). Exits 2 when the description cannot be loaded.
"use strict";

const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats");
const bcInvoiceKeywords = require(path.join(__dirname, "../../schema/vocab/ajv-bc-invoice.cjs"));

const [openapiFile, ...jobs] = process.argv.slice(2);
const openapi = JSON.parse(fs.readFileSync(openapiFile, "utf8"));

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
bcInvoiceKeywords(ajv);
ajv.addVocabulary(
  Object.keys(openapi).filter((key) => key !== "components" && !ajv.getKeyword(key)).concat(["components"]),
);
const id = "urn:bc-invoice:openapi";
try {
  ajv.addSchema(openapi, id);
} catch (error) {
  console.error(`${openapiFile}: ajv cannot load it: ${error.message}`);
  process.exit(2);
}

// The schema of each kind: the request body of its operation, or the 200 response it is.
const schemaOf = {};
for (const [name, schema] of Object.entries(openapi.components.schemas)) {
  if (schema["$id"] !== undefined) {
    console.error(`${openapiFile}: components/schemas/${name} has an $id: its references would not resolve`);
    process.exit(2);
  }
}
// Operations on the platform's paths, and the webhooks it calls on the partner's server.
for (const item of [...Object.values(openapi.paths), ...Object.values(openapi.webhooks || {})]) {
  for (const operation of Object.values(item)) {
    const bodies = [operation.requestBody.content["application/json"].schema];
    const ok = operation.responses["200"].content;
    if (ok) bodies.push(ok["application/json"].schema);
    for (const body of bodies) {
      for (const ref of body.anyOf ? body.anyOf.map((s) => s.$ref) : [body.$ref]) {
        const kind = ref.replace("#/components/schemas/", "");
        schemaOf[kind] = `${id}${ref}`;
      }
    }
  }
}

const results = {};
for (const job of jobs) {
  const at = job.indexOf("=");
  const kind = job.slice(0, at);
  const file = job.slice(at + 1);
  if (!schemaOf[kind]) {
    console.error(`${openapiFile}: no operation takes or answers with ${kind}`);
    process.exit(2);
  }
  const validate = ajv.getSchema(schemaOf[kind]);
  const valid = validate(JSON.parse(fs.readFileSync(file, "utf8")));
  const paths = valid ? [] : [...new Set(validate.errors.map((e) => e.instancePath))].sort();
  results[file] = paths;
}
console.log(JSON.stringify(results));
