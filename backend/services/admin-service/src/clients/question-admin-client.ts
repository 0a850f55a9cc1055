import type { CallContext, ServiceClient } from '@know-foolery/shared/http-client';
import { checkedBody } from './checked-body.js';
import {
  AdminQuestion,
  ImportReport,
  type ImportRequest,
  type NewQuestion,
  type QuestionChanges,
  type QuestionFilters,
  QuestionPage,
} from './question-contracts.js';

/** question-service's admin operations, called with the admin's own token. */
export interface QuestionAdminClient {
  list(filters: QuestionFilters, context: CallContext): Promise<QuestionPage>;
  create(question: NewQuestion, context: CallContext): Promise<AdminQuestion>;
  get(id: string, context: CallContext): Promise<AdminQuestion>;
  update(id: string, changes: QuestionChanges, context: CallContext): Promise<AdminQuestion>;
  /** Takes the question out of play; its history is kept. */
  deactivate(id: string, context: CallContext): Promise<AdminQuestion>;
  importQuestions(request: ImportRequest, context: CallContext): Promise<ImportReport>;
}

export interface QuestionServiceClients {
  readonly calls: ServiceClient;
  /** The same service with a timeout fit for imports of up to 8 MiB. */
  readonly imports: ServiceClient;
}

const QUESTIONS = '/internal/questions';

export class ServiceQuestionAdminClient implements QuestionAdminClient {
  readonly #calls: ServiceClient;
  readonly #imports: ServiceClient;

  constructor(clients: QuestionServiceClients) {
    this.#calls = clients.calls;
    this.#imports = clients.imports;
  }

  async list(filters: QuestionFilters, context: CallContext): Promise<QuestionPage> {
    const response = await this.#calls.get<unknown>(QUESTIONS, { context, query: filters });
    return checkedBody(QuestionPage, response, this.#calls.name);
  }

  async create(question: NewQuestion, context: CallContext): Promise<AdminQuestion> {
    const response = await this.#calls.post<unknown>(QUESTIONS, { context, body: question });
    return checkedBody(AdminQuestion, response, this.#calls.name);
  }

  async get(id: string, context: CallContext): Promise<AdminQuestion> {
    const response = await this.#calls.get<unknown>(questionPath(id), { context });
    return checkedBody(AdminQuestion, response, this.#calls.name);
  }

  async update(id: string, changes: QuestionChanges, context: CallContext): Promise<AdminQuestion> {
    const response = await this.#calls.patch<unknown>(questionPath(id), { context, body: changes });
    return checkedBody(AdminQuestion, response, this.#calls.name);
  }

  async deactivate(id: string, context: CallContext): Promise<AdminQuestion> {
    const response = await this.#calls.delete<unknown>(questionPath(id), { context });
    return checkedBody(AdminQuestion, response, this.#calls.name);
  }

  async importQuestions(request: ImportRequest, context: CallContext): Promise<ImportReport> {
    // Not retried: a retry would send megabytes again to a service that may already be busy with them.
    const response = await this.#imports.post<unknown>(`${QUESTIONS}/import`, { context, body: request });
    return checkedBody(ImportReport, response, this.#imports.name);
  }
}

function questionPath(id: string): string {
  return `${QUESTIONS}/${encodeURIComponent(id)}`;
}
