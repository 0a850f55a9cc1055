import { type Static, Type } from 'typebox';

/** `GET /api/v1/themes`, public. */
export const Themes = Type.Object({
  items: Type.Array(
    Type.Object({
      theme: Type.String({ description: 'The theme, as a game is started with it' }),
      questionCount: Type.Integer({ minimum: 0, description: 'Its active questions' }),
    }),
  ),
});
export type Themes = Static<typeof Themes>;
