import type { operations } from '../../../backend/e2e/src/api/generated/public-api.ts';

type Json<Content> = Content extends { 'application/json': infer Body } ? Body : never;

/** What an operation of the public API answers on success, by its operationId. */
export type Answer<Id extends keyof operations, Status extends number = 200> = operations[Id] extends {
  responses: infer Responses;
}
  ? Status extends keyof Responses
    ? Responses[Status] extends { content: infer Content }
      ? Json<Content>
      : never
    : never
  : never;

/** The JSON body an operation of the public API takes. */
export type BodyOf<Id extends keyof operations> = operations[Id] extends {
  requestBody?: { content: infer Content };
}
  ? Json<Content>
  : never;
