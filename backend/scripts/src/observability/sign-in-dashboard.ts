import type { DashboardSpec } from './grafana.js';

/** Sign-ins and session token refreshes, by outcome. */
export const signInDashboard: DashboardSpec = {
  slug: 'sign-in',
  title: 'Know Foolery: sign-in',
  description: 'Sign-ins and session token refreshes by outcome, and the identity provider’s availability.',
  filtersByService: false,
  sections: [
    {
      title: 'Sign-ins',
      panels: [
        {
          title: 'Sign-ins by outcome',
          description: 'Sign-ins a minute: signed in, refused, or the identity provider unavailable.',
          unit: 'opm',
          queries: [
            {
              expr: 'sum by (outcome) (rate(auth_sign_ins_total[$__rate_interval])) * 60',
              legend: '{{outcome}}',
            },
          ],
        },
        {
          title: 'Refused sign-ins',
          description:
            'Refused sign-ins a second; the SignInRefusalSpike alert fires above 0.2 over 5 minutes.',
          unit: 'ops',
          queries: [
            {
              expr: 'sum by (service) (rate(auth_sign_ins_total{outcome="refused"}[$__rate_interval]))',
              legend: '{{service}}',
            },
          ],
        },
        {
          title: 'Sign-ins in the range',
          description: 'Sign-ins over the dashboard’s time range, by outcome.',
          kind: 'stat',
          unit: 'short',
          queries: [
            {
              expr: 'sum by (outcome) (increase(auth_sign_ins_total[$__range]))',
              legend: '{{outcome}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Sessions',
      panels: [
        {
          title: 'Token refreshes by outcome',
          description: 'Session token refreshes a minute: renewed, refused, or the provider unavailable.',
          unit: 'opm',
          queries: [
            {
              expr: 'sum by (outcome) (rate(session_token_refreshes_total[$__rate_interval])) * 60',
              legend: '{{outcome}}',
            },
          ],
        },
        {
          title: 'Identity provider unavailable',
          description:
            'Sign-ins and refreshes a minute that failed because the identity provider did not answer.',
          unit: 'opm',
          queries: [
            {
              expr: 'sum(rate(auth_sign_ins_total{outcome="provider_unavailable"}[$__rate_interval])) * 60',
              legend: 'sign-ins',
            },
            {
              expr: 'sum(rate(session_token_refreshes_total{outcome="provider_unavailable"}[$__rate_interval])) * 60',
              legend: 'refreshes',
            },
          ],
        },
      ],
    },
  ],
};
