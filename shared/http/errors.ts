/**
 * Refusals that only HTTP has (a header or a body the transport carries wrongly). They are not domain errors: the
 * domain never sees headers or media types. `shared/http/problem.ts` maps them with the domain errors.
 */
export abstract class HttpError extends Error {
  /** Stable, machine-readable problem kind (also the last segment of the problem `type`). */
  abstract readonly kind: 'payload-too-large' | 'unsupported-media-type' | 'precondition-required';
  /** Extra members merged into the problem document. */
  readonly details: Record<string, unknown> | undefined = undefined;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request body is larger than the route accepts. */
export class PayloadTooLargeError extends HttpError {
  readonly kind = 'payload-too-large';
}

/** The request's media type is not one the route reads. */
export class UnsupportedMediaTypeError extends HttpError {
  readonly kind = 'unsupported-media-type';
}

/** A precondition header the route requires (If-Match) is missing. */
export class PreconditionRequiredError extends HttpError {
  readonly kind = 'precondition-required';
}

/** Every kind an HttpError can have. */
export type HttpErrorKind = HttpError['kind'];
