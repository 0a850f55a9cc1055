import {
  AdminQuestion,
  type ImportBody,
  type ImportFormat,
  type ImportMode,
  ImportReport,
  type NewQuestionBody,
  QuestionPage,
  type QuestionPatch,
  type QuestionQuery,
} from '@know-foolery/question-service/contract';
import type { CallContext, ServiceClient } from '@know-foolery/shared/http-client';
import { checkedBody } from './checked-body.js';

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
    const response = await this.#calls.get<unknown>(QUESTIONS, { context, query: filters });
    return checkedBody(QuestionPage, response, this.#calls.name);
  }

  async create(question: NewQuestionBody, context: CallContext): Promise<AdminQuestion> {
    const response = await this.#calls.post<unknown>(QUESTIONS, { context, body: question });
    return checkedBody(AdminQuestion, response, this.#calls.name);
  }

  async get(id: string, context: CallContext): Promise<AdminQuestion> {
    const response = await this.#calls.get<unknown>(questionPath(id), { context });
    return checkedBody(AdminQuestion, response, this.#calls.name);
  }

  async update(id: string, changes: QuestionPatch, context: CallContext): Promise<AdminQuestion> {
    const response = await this.#calls.patch<unknown>(questionPath(id), { context, body: changes });
    return checkedBody(AdminQuestion, response, this.#calls.name);
  }

  async deactivate(id: string, context: CallContext): Promise<AdminQuestion> {
    const response = await this.#calls.delete<unknown>(questionPath(id), { context });
    return checkedBody(AdminQuestion, response, this.#calls.name);
  }

  // Imports are not retried: a retry would send megabytes again to a service that may already be busy with them.

  async importText(document: ImportBody, context: CallContext): Promise<ImportReport> {
    const response = await this.#imports.post<unknown>(`${QUESTIONS}/import`, { context, body: document });
    return checkedBody(ImportReport, response, this.#imports.name);
  }

  async importUpload(upload: QuestionFileUpload, context: CallContext): Promise<ImportReport> {
    const { bytes, ...about } = upload;
    const response = await this.#imports.post<unknown>(`${QUESTIONS}/import/upload`, {
      context,
      body: { ...about, contentBase64: base64Of(bytes) },
    });
    return checkedBody(ImportReport, response, this.#imports.name);
  }
}

function questionPath(id: string): string {
  return `${QUESTIONS}/${encodeURIComponent(id)}`;
}
