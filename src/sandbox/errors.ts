/** An error answered exactly as AWS JSON 1.1 services do: `{"__type": name, "message": ...}` with an HTTP status. */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const notFound = (type: string, message: string) => new AwsError(type, message);
export const invalid = (message: string, type = 'ValidationException') => new AwsError(type, message);
