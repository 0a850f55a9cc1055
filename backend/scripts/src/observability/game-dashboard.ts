import type { DashboardSpec } from './grafana.js';

/** The game itself: games, answers, hints, question imports. */
export const gameDashboard: DashboardSpec = {
  slug: 'game',
  title: 'Know Foolery: the game',
  description: 'Games started and ended, answers by verdict, hints, and question imports.',
  filtersByService: false,
  sections: [
    {
      title: 'Games',
      panels: [
        {
          title: 'Games started',
          description: 'Games started a minute.',
          unit: 'opm',
          queries: [{ expr: 'sum(rate(games_started_total[$__rate_interval])) * 60', legend: 'started' }],
        },
        {
          title: 'Games ended by reason',
          description: 'Games ended a minute, by why they ended.',
          unit: 'opm',
          queries: [
            {
              expr: 'sum by (reason) (rate(games_ended_total[$__rate_interval])) * 60',
              legend: '{{reason}}',
            },
          ],
        },
        {
          title: 'Games started in the range',
          description: 'Games started over the dashboard’s time range.',
          kind: 'stat',
          unit: 'short',
          queries: [{ expr: 'sum(increase(games_started_total[$__range]))', legend: 'started' }],
        },
        {
          title: 'Games ended in the range',
          description: 'Games ended over the dashboard’s time range.',
          kind: 'stat',
          unit: 'short',
          queries: [{ expr: 'sum(increase(games_ended_total[$__range]))', legend: 'ended' }],
        },
      ],
    },
    {
      title: 'Play',
      panels: [
        {
          title: 'Answers by verdict',
          description: 'Answers a minute, by the verdict they got.',
          unit: 'opm',
          queries: [
            {
              expr: 'sum by (verdict) (rate(game_answers_total[$__rate_interval])) * 60',
              legend: '{{verdict}}',
            },
          ],
        },
        {
          title: 'Answer verdict shares',
          description: 'The share of answers with each verdict.',
          unit: 'percentunit',
          queries: [
            {
              expr:
                'sum by (verdict) (rate(game_answers_total[$__rate_interval]))' +
                ' / ignoring (verdict) group_left sum(rate(game_answers_total[$__rate_interval]))',
              legend: '{{verdict}}',
            },
          ],
        },
        {
          title: 'Hints',
          description: 'Hints taken a minute.',
          unit: 'opm',
          queries: [{ expr: 'sum(rate(game_hints_total[$__rate_interval])) * 60', legend: 'hints' }],
        },
        {
          title: 'Game-service requests by route',
          description: 'Requests a second to the game service, by route template.',
          unit: 'reqps',
          queries: [
            {
              expr: 'sum by (method, route) (rate(http_server_request_duration_seconds_count{service="game-service"}[$__rate_interval]))',
              legend: '{{method}} {{route}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Questions',
      panels: [
        {
          title: 'Question imports by outcome',
          description: 'Question imports over the last hour, by outcome.',
          unit: 'short',
          queries: [
            {
              expr: 'sum by (outcome) (increase(question_imports_total[1h]))',
              legend: '{{outcome}}',
            },
          ],
        },
      ],
    },
  ],
};
