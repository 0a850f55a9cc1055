import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { asProblem, dataOf, type Problem } from '../api/problem.ts';
import type { Answer } from '../api/types.ts';
import { clampedOffset, Pager } from '../components/pager.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { QuestionEditor } from '../components/question-editor.tsx';
import { QuestionStats } from '../components/question-stats.tsx';

type QuestionPage = Answer<'searchQuestions'>;
type Kind = QuestionPage['items'][number]['kind'];
const KINDS: readonly Kind[] = ['free_text', 'true_false'];
const ANY = '';
const PAGE_SIZE = 20;

interface Filters {
  text: string;
  theme: string;
  kind: string;
  active: string;
  needsOptions: boolean;
}

/** What the page shows beside the list: nothing, the editor (a new question or one to change), statistics. */
type Panel =
  | { readonly show: 'list' }
  | { readonly show: 'editor'; readonly question: QuestionPage['items'][number] | null }
  | { readonly show: 'stats'; readonly id: string };

const NO_FILTERS: Filters = { text: '', theme: '', kind: ANY, active: ANY, needsOptions: false };

function queryOf(filters: Filters, offset: number) {
  const kind = KINDS.find((known) => known === filters.kind);
  return {
    limit: PAGE_SIZE,
    offset,
    ...(filters.text === '' ? {} : { text: filters.text }),
    ...(filters.theme === '' ? {} : { theme: filters.theme }),
    ...(kind === undefined ? {} : { kind }),
    ...(filters.active === ANY ? {} : { active: filters.active === 'true' }),
    ...(filters.needsOptions ? { reviewReason: 'needs_options' as const } : {}),
  };
}

/** The question bank: search and filter it; create, edit or deactivate a question; read its statistics. */
export function AdminQuestions() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState<QuestionPage | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState('');
  const [panel, setPanel] = useState<Panel>({ show: 'list' });

  // The filters the shown page was found with: paging keeps them even if the form was edited since.
  const [searched, setSearched] = useState<Filters>(NO_FILTERS);

  const search = async (chosen: Filters, offset = 0) => {
    setProblem(null);
    try {
      const query = queryOf(chosen, offset);
      const found = await dataOf(api.GET('/api/v1/admin/questions', { params: { query } }));
      const onPage = clampedOffset(found);
      if (onPage !== offset) return await search(chosen, onPage);
      setSearched(chosen);
      setPage(found);
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  const reload = () => search(searched, page?.offset ?? 0);
  useEffect(() => {
    void search(NO_FILTERS);
  }, []);

  const deactivate = async (id: string, text: string) => {
    try {
      await dataOf(api.DELETE('/api/v1/admin/questions/{id}', { params: { path: { id } } }));
      setStatus(`Deactivated: ${text}`);
      await reload();
    } catch (error) {
      setProblem(asProblem(error));
    }
  };

  const set = (change: Partial<Filters>) => setFilters({ ...filters, ...change });
  const closePanel = () => setPanel({ show: 'list' });
  return (
    <section>
      <h1>Questions</h1>
      {panel.show === 'editor' ? (
        <QuestionEditor
          question={panel.question}
          onCancel={closePanel}
          onSaved={(saved) => {
            setStatus(`Saved: ${saved.text}`);
            closePanel();
            void reload();
          }}
        />
      ) : null}
      {panel.show === 'stats' ? <QuestionStats id={panel.id} onClose={closePanel} /> : null}
      {panel.show === 'list' ? (
        <button type="button" onClick={() => setPanel({ show: 'editor', question: null })}>
          New question
        </button>
      ) : null}
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          void search(filters);
        }}
      >
        <label for="search-text">Text</label>
        <input id="search-text" value={filters.text} onInput={(e) => set({ text: e.currentTarget.value })} />
        <label for="search-theme">Theme</label>
        <input
          id="search-theme"
          value={filters.theme}
          onInput={(e) => set({ theme: e.currentTarget.value })}
        />
        <label for="search-kind">Kind</label>
        <select id="search-kind" value={filters.kind} onChange={(e) => set({ kind: e.currentTarget.value })}>
          <option value={ANY}>Any kind</option>
          <option value="free_text">Free text</option>
          <option value="true_false">True or false</option>
        </select>
        <label for="search-active">State</label>
        <select
          id="search-active"
          value={filters.active}
          onChange={(e) => set({ active: e.currentTarget.value })}
        >
          <option value={ANY}>Active or not</option>
          <option value="true">Active</option>
          <option value="false">Deactivated</option>
        </select>
        <label class="check">
          <input
            type="checkbox"
            checked={filters.needsOptions}
            onChange={(e) => set({ needsOptions: e.currentTarget.checked })}
          />
          Needs options only
        </label>
        <button type="submit">Search</button>
      </form>
      <ProblemMessage problem={problem} />
      <p aria-live="polite">{status}</p>
      {page === null ? null : (
        <table>
          <caption>{page.total === 1 ? '1 question' : `${page.total} questions`}</caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Answer</th>
              <th scope="col">Theme</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((question) => (
              <tr key={question.id}>
                <td>{question.text}</td>
                <td>{[question.answer, ...question.alternatives].join(' / ')}</td>
                <td>{question.theme}</td>
                <td>{question.isActive ? 'active' : 'deactivated'}</td>
                <td class="actions">
                  <button
                    type="button"
                    class="secondary"
                    aria-label={`Edit: ${question.text}`}
                    onClick={() => setPanel({ show: 'editor', question })}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    aria-label={`Statistics: ${question.text}`}
                    onClick={() => setPanel({ show: 'stats', id: question.id })}
                  >
                    Statistics
                  </button>
                  {question.isActive ? (
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`Deactivate: ${question.text}`}
                      onClick={() => deactivate(question.id, question.text)}
                    >
                      Deactivate
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page === null ? null : (
        <Pager
          label="questions"
          window={page}
          shown={page.items.length}
          onMove={(offset) => void search(searched, offset)}
        />
      )}
    </section>
  );
}
