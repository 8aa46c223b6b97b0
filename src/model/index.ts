/** The canonical model: Resource, values, ARNs, policy documents, identity, per-type schemas. */
export * from "./resource.js";
export * from "./values.js";
export * from "./arn.js";
export * from "./policy-document.js";
export * from "./identity.js";
export { RESOURCE_TYPES, validateProps, stripUnknowns, type PropsValidation } from "./types/index.js";
