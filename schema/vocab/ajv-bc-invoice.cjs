// An ajv (v8) plugin that declares the bc-invoice annotation keywords (x-document, x-role, x-known-values),
// so that ajv's strict mode accepts the schemas and checks each annotation's shape. None of them changes a
// verdict. Their meta-schemas are the annotation vocabulary's, in bc-invoice.json beside this file.
//
//   ajv validate --spec=draft2020 --all-errors -c ajv-formats -c ./schema/vocab/ajv-bc-invoice.cjs \
//       -s schema/bundled/create-invoice.schema.json -d invoice.json
//
//   const Ajv2020 = require("ajv/dist/2020"); const ajv = new Ajv2020({allErrors: true});
//   require("ajv-formats")(ajv); require("./schema/vocab/ajv-bc-invoice.cjs")(ajv);
"use strict";

const keywords = require("./bc-invoice.json").$defs.annotations.properties;

function bcInvoiceKeywords(ajv) {
  for (const [keyword, metaSchema] of Object.entries(keywords)) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword, metaSchema });
  }
  return ajv;
}

module.exports = bcInvoiceKeywords;
module.exports.default = bcInvoiceKeywords;
