import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

/** The one address of the public API's document at the gateway. */
export const DOCUMENT_PATH = '/docs/json';

const Properties = Type.Optional(
  Type.Record(Type.String(), Type.Object({ enum: Type.Optional(Type.Array(Type.String())) })),
);
const Schema = Type.Object({
  properties: Properties,
  allOf: Type.Optional(Type.Array(Type.Object({ properties: Properties }))),
});

const Response = Type.Object({
  description: Type.String(),
  headers: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  content: Type.Optional(Type.Record(Type.String(), Type.Object({ schema: Schema }))),
});

const OperationObject = Type.Object({
  summary: Type.Optional(Type.String()),
  operationId: Type.Optional(Type.String()),
  security: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Array(Type.String())))),
  parameters: Type.Optional(Type.Array(Type.Object({ in: Type.String(), name: Type.String() }))),
  requestBody: Type.Optional(
    Type.Object({
      content: Type.Record(
        Type.String(),
        Type.Object({
          schema: Type.Object({ properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }),
        }),
      ),
    }),
  ),
  responses: Type.Record(Type.String(), Response),
});
export type OperationObject = Static<typeof OperationObject>;

/** What the tests read of the public document: its operations, checked as it arrives. */
const PublicDocument = Type.Object({
  openapi: Type.Literal('3.1.0'),
  paths: Type.Record(Type.String(), Type.Record(Type.String(), OperationObject)),
});
export type PublicDocument = Static<typeof PublicDocument>;

export interface Operation {
  /** Upper case: `GET`. */
  readonly method: string;
  /** The path template: `/api/v1/games/{id}/answers`. */
  readonly path: string;
  readonly operation: OperationObject;
}

/** The public document as the gateway serves it; anything else fails the test that reads it. */
export async function readDocument(gatewayUrl: string): Promise<PublicDocument> {
  const response = await fetch(`${gatewayUrl}${DOCUMENT_PATH}`);
  const document: unknown = await response.json();
  if (response.status !== 200 || !Value.Check(PublicDocument, document))
    throw new Error(`${DOCUMENT_PATH} answered ${response.status} without a public document`);
  return document;
}

export function operationsOf(document: PublicDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}
