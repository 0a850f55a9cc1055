/** How much of a request's body has gone out. */
export interface UploadProgress {
  readonly sent: number;
  readonly total: number;
}

/**
 * A fetch for the typed client that reports its upload: fetch cannot tell how much of a body has
 * been sent, XMLHttpRequest can. The answer comes back as a Response, so the caller reads success
 * and problem+json exactly as for any other call.
 */
export function fetchReportingUpload(onProgress: (progress: UploadProgress) => void) {
  return async (request: Request): Promise<Response> => {
    // As bytes: a file's text would be decoded, and its characters in another encoding lost.
    const body = await request.blob();
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      xhr.withCredentials = request.credentials !== 'omit';
      for (const [name, value] of request.headers) xhr.setRequestHeader(name, value);
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) onProgress({ sent: event.loaded, total: event.total });
      });
      xhr.addEventListener('load', () => resolve(responseOf(xhr)));
      xhr.addEventListener('error', () => reject(new TypeError('the upload failed: network error')));
      xhr.addEventListener('abort', () => reject(new TypeError('the upload was cancelled')));
      xhr.send(body);
    });
  };
}

function responseOf(xhr: XMLHttpRequest): Response {
  const headers = new Headers();
  for (const line of xhr
    .getAllResponseHeaders()
    .trim()
    .split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  // A Response cannot carry a body with 204 or 304.
  const body = xhr.status === 204 || xhr.status === 304 ? null : xhr.responseText;
  return new Response(body, { status: xhr.status, statusText: xhr.statusText, headers });
}
