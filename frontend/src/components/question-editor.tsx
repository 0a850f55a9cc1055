import { useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { asProblem, dataOf, type Problem } from '../api/problem.ts';
import type { Answer, BodyOf } from '../api/types.ts';
import { ProblemMessage } from './problem-message.tsx';

type Question = Answer<'getQuestion'>;
type Difficulty = NonNullable<BodyOf<'createQuestion'>['difficulty']>;
type Kind = NonNullable<BodyOf<'createQuestion'>['kind']>;
const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];
const KINDS: ReadonlyArray<{ kind: Kind; label: string }> = [
  { kind: 'free_text', label: 'Free text' },
  { kind: 'true_false', label: 'True or false' },
];

interface Draft {
  theme: string;
  text: string;
  answer: string;
  /** One accepted alternative answer a line. */
  alternatives: string;
  hint: string;
  difficulty: Difficulty;
  kind: Kind;
}

const EMPTY: Draft = {
  theme: '',
  text: '',
  answer: '',
  alternatives: '',
  hint: '',
  difficulty: 'medium',
  kind: 'free_text',
};

const draftOf = (question: Question): Draft => ({
  theme: question.theme,
  text: question.text,
  answer: question.answer,
  alternatives: question.alternatives.join('\n'),
  hint: question.hint ?? '',
  difficulty: question.difficulty,
  kind: question.kind,
});

const bodyOf = (draft: Draft) => ({
  theme: draft.theme.trim(),
  text: draft.text.trim(),
  answer: draft.answer.trim(),
  alternatives: draft.alternatives
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== ''),
  hint: draft.hint.trim() === '' ? null : draft.hint.trim(),
  difficulty: draft.difficulty,
  kind: draft.kind,
});

/** A new question, or one of the bank's changed: its text, its answer and the alternatives accepted too. */
export function QuestionEditor({
  question,
  onSaved,
  onCancel,
}: {
  question: Question | null;
  onSaved: (saved: Question) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(question === null ? EMPTY : draftOf(question));
  const [problem, setProblem] = useState<Problem | null>(null);
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });

  const save = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    try {
      const body = bodyOf(draft);
      const saved =
        question === null
          ? await dataOf(api.POST('/api/v1/admin/questions', { body }))
          : await dataOf(
              api.PATCH('/api/v1/admin/questions/{id}', { params: { path: { id: question.id } }, body }),
            );
      onSaved(saved);
    } catch (error) {
      setProblem(asProblem(error));
    }
  };

  const title = question === null ? 'New question' : 'Edit the question';
  return (
    <form onSubmit={save} aria-label={title}>
      <h2>{title}</h2>
      <label for="edit-theme">Theme</label>
      <input
        id="edit-theme"
        required
        value={draft.theme}
        onInput={(e) => set({ theme: e.currentTarget.value })}
      />
      <label for="edit-text">Question</label>
      <textarea
        id="edit-text"
        required
        value={draft.text}
        onInput={(e) => set({ text: e.currentTarget.value })}
      />
      <label for="edit-answer">Answer</label>
      <input
        id="edit-answer"
        required
        value={draft.answer}
        onInput={(e) => set({ answer: e.currentTarget.value })}
      />
      <label for="edit-alternatives">Alternative answers (one a line)</label>
      <textarea
        id="edit-alternatives"
        value={draft.alternatives}
        onInput={(e) => set({ alternatives: e.currentTarget.value })}
      />
      <label for="edit-hint">Hint</label>
      <input id="edit-hint" value={draft.hint} onInput={(e) => set({ hint: e.currentTarget.value })} />
      <label for="edit-difficulty">Difficulty</label>
      <select
        id="edit-difficulty"
        value={draft.difficulty}
        onChange={(e) =>
          set({
            difficulty: DIFFICULTIES.find((level) => level === e.currentTarget.value) ?? draft.difficulty,
          })
        }
      >
        {DIFFICULTIES.map((level) => (
          <option key={level} value={level}>
            {level}
          </option>
        ))}
      </select>
      <label for="edit-kind">Kind</label>
      <select
        id="edit-kind"
        value={draft.kind}
        onChange={(e) =>
          set({ kind: KINDS.find((item) => item.kind === e.currentTarget.value)?.kind ?? draft.kind })
        }
      >
        {KINDS.map((item) => (
          <option key={item.kind} value={item.kind}>
            {item.label}
          </option>
        ))}
      </select>
      <div class="actions">
        <button type="submit">Save</button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <ProblemMessage problem={problem} />
    </form>
  );
}
