import {
  AdminQuestion,
  type ImportBody,
  type ImportFormat,
  type ImportMode,
  ImportReport,
  type ImportUploadBody,
  type NewQuestionBody,
  QuestionPage,
  type QuestionPatch,
  type QuestionQuery,
} from '@know-foolery/question-service/contract';
import type { CallContext, ServiceClient } from '@know-foolery/shared/http-client';

/** A question file as an admin uploaded it: its bytes, undecoded, and what to do with them. */
export interface QuestionFileUpload {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly format?: ImportFormat | undefined;
  readonly mode?: ImportMode | undefined;
}

/** question-service's admin operations, called with the admin's own token. */
export interface QuestionAdminClient {
  list(filters: QuestionQuery, context: CallContext): Promise<QuestionPage>;
  create(question: NewQuestionBody, context: CallContext): Promise<AdminQuestion>;
  get(id: string, context: CallContext): Promise<AdminQuestion>;
  update(id: string, changes: QuestionPatch, context: CallContext): Promise<AdminQuestion>;
  /** Takes the question out of play; its history is kept. */
  deactivate(id: string, context: CallContext): Promise<AdminQuestion>;
  /** A file already read as text. */
  importText(document: ImportBody, context: CallContext): Promise<ImportReport>;
  /** A file as uploaded: question-service decodes its bytes the way the seed command does. */
  importUpload(upload: QuestionFileUpload, context: CallContext): Promise<ImportReport>;
}

export interface QuestionServiceClients {
  readonly calls: ServiceClient;
  /** The same service with a timeout fit for imports of up to 8 MiB. */
  readonly imports: ServiceClient;
}

const QUESTIONS = '/internal/questions';

function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export class ServiceQuestionAdminClient implements QuestionAdminClient {
  readonly #calls: ServiceClient;
  readonly #imports: ServiceClient;

  constructor(clients: QuestionServiceClients) {
    this.#calls = clients.calls;
    this.#imports = clients.imports;
  }

  async list(filters: QuestionQuery, context: CallContext): Promise<QuestionPage> {
    return (await this.#calls.get(QUESTIONS, QuestionPage, { context, query: filters })).body;
  }

  async create(question: NewQuestionBody, context: CallContext): Promise<AdminQuestion> {
    return (await this.#calls.post(QUESTIONS, AdminQuestion, { context, body: question })).body;
  }

  async get(id: string, context: CallContext): Promise<AdminQuestion> {
    return (await this.#calls.get(questionPath(id), AdminQuestion, { context })).body;
  }

  async update(id: string, changes: QuestionPatch, context: CallContext): Promise<AdminQuestion> {
    return (await this.#calls.patch(questionPath(id), AdminQuestion, { context, body: changes })).body;
  }

  async deactivate(id: string, context: CallContext): Promise<AdminQuestion> {
    return (await this.#calls.delete(questionPath(id), AdminQuestion, { context })).body;
  }

  // Imports are not retried: a retry would send megabytes again to a service that may already be busy with them.

  async importText(document: ImportBody, context: CallContext): Promise<ImportReport> {
    return (await this.#imports.post(`${QUESTIONS}/import`, ImportReport, { context, body: document })).body;
  }

  async importUpload(upload: QuestionFileUpload, context: CallContext): Promise<ImportReport> {
    const { bytes, ...about } = upload;
    const body: ImportUploadBody = { ...about, contentBase64: base64Of(bytes) };
    return (await this.#imports.post(`${QUESTIONS}/import/upload`, ImportReport, { context, body })).body;
  }
}

function questionPath(id: string): string {
  return `${QUESTIONS}/${encodeURIComponent(id)}`;
}
