/**
 * Zitadel's API errors: a gRPC status code, a message ending in the error's id, and one detail naming
 * that id, answered with the HTTP status mapped to the code.
 * Sources: https://zitadel.com/docs/apis/errors (body shape), https://zitadel.com/docs/apis/statuscodes (mapping)
 */
export const GrpcStatus = {
  invalidArgument: 3,
  notFound: 5,
  alreadyExists: 6,
  permissionDenied: 7,
  failedPrecondition: 9,
  internal: 13,
  unauthenticated: 16,
} as const;
export type GrpcStatus = (typeof GrpcStatus)[keyof typeof GrpcStatus];

const HTTP_STATUS: Record<GrpcStatus, number> = {
  3: 400,
  5: 404,
  6: 409,
  7: 403,
  9: 400,
  13: 500,
  16: 401,
};

export interface ZitadelErrorBody {
  code: GrpcStatus;
  message: string;
  details: { '@type': string; id: string; message: string }[];
}

/** A refusal of the user API, as Zitadel would answer it. `id` is the stable identifier of the case. */
export class ZitadelError extends Error {
  readonly status: GrpcStatus;
  readonly id: string;

  constructor(status: GrpcStatus, id: string, message: string) {
    super(message);
    this.name = 'ZitadelError';
    this.status = status;
    this.id = id;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.status];
  }

  body(): ZitadelErrorBody {
    return {
      code: this.status,
      message: `${this.message} (${this.id})`,
      details: [
        { '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail', id: this.id, message: this.message },
      ],
    };
  }
}
