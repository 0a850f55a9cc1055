import { useEffect, useState } from 'preact/hooks';
import { type ListedPlayer, listPlayers, type PlayerPage, playerChanges } from '../api/players.ts';
import { asProblem, type Problem } from '../api/problem.ts';
import { clampedOffset, Pager } from '../components/pager.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';

const ADMIN_ROLE = 'admin';
const ACTIVE = 'active';

type Change = keyof typeof playerChanges;
const DONE: Record<Change, string> = {
  deactivate: 'deactivated',
  reactivate: 'reactivated',
  grantAdmin: 'is now an admin',
  revokeAdmin: 'is no longer an admin',
};

/** The project's players: deactivate and reactivate them, grant and revoke the admin role. */
export function AdminPlayers() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState<PlayerPage | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState('');

  // The text the shown page was found with: paging keeps it even if the field was edited since.
  const [searched, setSearched] = useState('');

  const search = async (text: string, offset = 0) => {
    setProblem(null);
    try {
      const found = await listPlayers(text, offset);
      const onPage = clampedOffset(found);
      if (onPage !== offset) return await search(text, onPage);
      setSearched(text);
      setPage(found);
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  useEffect(() => {
    void search('');
  }, []);

  const change = async (kind: Change, player: ListedPlayer) => {
    setProblem(null);
    try {
      await playerChanges[kind](player.id);
      setStatus(`${player.username} ${DONE[kind]}.`);
      await search(searched, page?.offset ?? 0);
    } catch (error) {
      setProblem(asProblem(error));
    }
  };

  return (
    <section>
      <h1>Players</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void search(q);
        }}
      >
        <label for="player-search">Login name contains</label>
        <input id="player-search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <button type="submit">Search</button>
      </form>
      <ProblemMessage problem={problem} />
      <p aria-live="polite">{status}</p>
      {page === null ? null : (
        <table>
          <caption>{page.total === 1 ? '1 player' : `${page.total} players`}</caption>
          <thead>
            <tr>
              <th scope="col">Player</th>
              <th scope="col">State</th>
              <th scope="col">Roles</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((player) => {
              const admin = player.roles.includes(ADMIN_ROLE);
              const active = player.state === ACTIVE;
              return (
                <tr key={player.id}>
                  <td>
                    {player.displayName} ({player.username})
                  </td>
                  <td>{player.state}</td>
                  <td>{player.roles.join(', ')}</td>
                  <td class="actions">
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`${active ? 'Deactivate' : 'Reactivate'} ${player.username}`}
                      onClick={() => change(active ? 'deactivate' : 'reactivate', player)}
                    >
                      {active ? 'Deactivate' : 'Reactivate'}
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`${admin ? 'Revoke admin from' : 'Grant admin to'} ${player.username}`}
                      onClick={() => change(admin ? 'revokeAdmin' : 'grantAdmin', player)}
                    >
                      {admin ? 'Revoke admin' : 'Grant admin'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {page === null ? null : (
        <Pager
          label="players"
          window={page}
          shown={page.items.length}
          onMove={(offset) => void search(searched, offset)}
        />
      )}
    </section>
  );
}
