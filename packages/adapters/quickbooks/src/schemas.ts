// The documented shapes of QuickBooks Online's bodies. Not run in production (nothing under src/index.ts imports this
// file): `quickbooks-error-body.ts` reads the same members by hand, and test/body-schemas.test.ts holds every fixture to
// these schemas and to that reader (docs/decisions/zod-at-runtime.md). XML Faults have the same members as
// attributes and child elements (`<Fault type><Error code element><Message/><Detail/></Error></Fault>`); the test
// holds XML fixtures to the reader by their expected code.
import * as z from 'zod/mini';

const optionalText = z.optional(z.nullable(z.string()));

/**
 * The API's Fault: `{ Fault: { Error: [{ Message, Detail, code, element }], type }, time }`. `type` is one of
 * `ValidationFault`, `SystemFault`, `AuthenticationFault`, `AuthorizationFault` in the docs, `Validation`, `Service`,
 * `AUTHENTICATION` in answers and SDKs.
 *
 * @see https://developer.intuit.com/app/developer/qbo/docs/develop/troubleshooting/handling-common-errors
 * @see intuit/QuickBooks-V3-Java-SDK ipp-v3-java-data/src/main/xsd/IntuitRestServiceDef.xsd (`Fault`, `Error`)
 */
export const quickbooksFaultBodySchema = z.object({
  Error: z.array(z.object({ Message: optionalText, Detail: optionalText, code: z.string(), element: optionalText })),
  type: z.optional(z.string()),
});

/** An answer that is a Fault: `{ Fault, time }`. */
export const quickbooksFaultSchema = z.object({ Fault: quickbooksFaultBodySchema, time: z.optional(z.string()) });

/** A query's answer carrying a Fault: `{ QueryResponse: { Fault } }` (IntuitRestServiceDef.xsd `QueryResponse`). */
export const quickbooksQueryFaultSchema = z.object({ QueryResponse: z.object({ Fault: quickbooksFaultBodySchema }) });

/**
 * The gateway's Fault, in lower case: `{ fault: { error: [{ message, detail, code, element }], type } }`, for
 * expired tokens (3200, `type: "AUTHENTICATION"`) and apps without access to the company (3100, `type: "SERVICE"`);
 * `detail` and `element` may be null.
 *
 * @see captured 401 and 403 bodies of public integrations (fixtures auth-malformed-token-401-gateway, application-authorization-failed-3100-403-gateway)
 */
export const quickbooksGatewayFaultSchema = z.object({
  fault: z.object({
    error: z.array(
      z.object({ message: z.string(), detail: optionalText, code: z.optional(z.string()), element: optionalText }),
    ),
    type: z.optional(z.string()),
  }),
});

/**
 * A batch answer (HTTP 200 whatever each item did): `BatchItemResponse` items, each with its `bId` and an entity, a
 * `QueryResponse` or a `Fault`. An upload answers `AttachableResponse` items of the same kind.
 *
 * @see intuit/QuickBooks-V3-Java-SDK ipp-v3-java-devkit/src/test/java/com/intuit/ipp/serialization/JSONSerializerTest.java
 *   (testDeserialize_BatchResponse, testMultiAttachableResponseFault)
 */
export const quickbooksBatchSchema = z.union([
  z.object({
    BatchItemResponse: z.array(
      z.looseObject({ bId: z.optional(z.string()), Fault: z.optional(quickbooksFaultBodySchema) }),
    ),
  }),
  z.object({ AttachableResponse: z.array(z.looseObject({ Fault: z.optional(quickbooksFaultBodySchema) })) }),
]);
