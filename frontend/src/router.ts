import { useEffect, useState } from 'preact/hooks';

/**
 * The page's places, in the URL's fragment: the gateway serves one page at `/`, and a fragment
 * survives the sign-in round trip in `return_to`.
 */
export const ROUTES = {
  home: '#/',
  play: '#/play',
  results: '#/results',
  leaderboard: '#/leaderboard',
  sessions: '#/sessions',
  adminQuestions: '#/admin/questions',
  adminImport: '#/admin/import',
  adminPlayers: '#/admin/players',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

const routeOf = (hash: string): Route | null => {
  const place = hash === '' ? ROUTES.home : hash;
  return Object.values(ROUTES).find((route) => route === place) ?? null;
};

/** The current place, null for an unknown fragment. */
export function useRoute(): Route | null {
  const [route, setRoute] = useState(routeOf(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}

export function go(route: Route): void {
  window.location.hash = route;
}
