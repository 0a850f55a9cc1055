import { type Static, Type } from 'typebox';

/** `GET /api/v1/themes`, public. */
export const Themes = Type.Object({
  themes: Type.Array(Type.Object({ theme: Type.String(), questionCount: Type.Integer() })),
});
export type Themes = Static<typeof Themes>;
