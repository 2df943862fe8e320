import type { z } from 'zod';
import { CSRF_HEADER } from '../../contracts/auth';
import { errorBodySchema } from '../../contracts/common';

/**
 * An error answered by the API (`{ error: { code, message, details } }`), or a network / parse
 * failure, with a stable code the UI can translate.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds to wait, from a `Retry-After` header (429). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Remembers the token from `GET /api/auth/me` (or sign-in) to echo on every non-GET request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** Builds the ApiError of a failed answer from its status, body text and headers. */
export function toApiError(status: number, bodyText: string, retryAfterHeader: string | null): ApiError {
  let json: unknown = null;
  try {
    json = bodyText ? JSON.parse(bodyText) : null;
  } catch {
    json = null;
  }
  const parsed = errorBodySchema.safeParse(json);
  const retryAfter = parseRetryAfter(retryAfterHeader);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(status, code, message, details, retryAfter);
  }
  return new ApiError(
    status,
    `http_${status}`,
    bodyText.slice(0, 200) || `HTTP ${status}`,
    undefined,
    retryAfter,
  );
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** `/api/x` + the defined, non-empty query parameters. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** Validates the answer; without it the answer is returned as `unknown`. */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
}

function headersFor(method: string, hasJsonBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasJsonBody) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  return headers;
}

function validate<T>(schema: z.ZodType<T> | undefined, json: unknown, path: string): T {
  if (!schema) return json as T;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.error(`Unexpected answer from ${path}`, parsed.error.issues);
    throw new ApiError(0, 'invalid_response', `Unexpected answer from ${path}`, parsed.error.issues);
  }
  return parsed.data;
}

/**
 * Calls the API with the session cookie; throws an {@link ApiError} on a non-2xx answer.
 * @example const me = await apiRequest('/api/auth/me', { schema: meSchema });
 */
export async function apiRequest<T = unknown>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, hasBody),
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  if (!response.ok) throw toApiError(response.status, text, response.headers.get('retry-after'));
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(response.status, 'invalid_response', `Unexpected answer from ${path}`);
    }
  }
  return validate(options.schema, json, path);
}

interface UploadOptions<T> {
  /** POST by default; PUT where the file replaces one (a company's logo). */
  method?: 'POST' | 'PUT';
  query?: Query;
  file: File;
  schema: z.ZodType<T>;
  /** Called with a fraction 0…1 as the file is sent. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends one file as multipart (field `file`) with upload progress, which `fetch` cannot report.
 */
export function apiUpload<T>(path: string, options: UploadOptions<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const method = options.method ?? 'POST';
    xhr.open(method, apiUrl(path, options.query));
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(headersFor(method, false))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && options.onProgress) options.onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(toApiError(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after')));
        return;
      }
      try {
        resolve(validate(options.schema, JSON.parse(xhr.responseText), path));
      } catch (error) {
        reject(
          error instanceof ApiError ? error : new ApiError(xhr.status, 'invalid_response', String(error)),
        );
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The file could not be sent'));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', options.file, options.file.name);
    xhr.send(form);
  });
}

/** Whether an error is the API saying the session is missing or expired. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
