/** A `multipart/form-data` body as a browser or curl sends it, built by the platform's own FormData. */
export interface MultipartBody {
  readonly body: Buffer;
  readonly headers: Record<string, string>;
}

export interface FormFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The form field that holds the file; `file` unless a test says otherwise. */
  readonly field?: string;
}

export async function multipartBody(fields: {
  readonly file?: FormFile;
  readonly [field: string]: string | FormFile | undefined;
}): Promise<MultipartBody> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (typeof value === 'string') form.append(name, value);
    else form.append(value.field ?? name, new Blob([value.bytes]), value.name);
  }
  const request = new Request('http://form.invalid', { method: 'POST', body: form });
  return {
    body: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  };
}
