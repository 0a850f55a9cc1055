export {
  type ClientCredentialsRequest,
  type ClientCredentialsToken,
  clientCredentialsToken,
} from './client-credentials.js';
export { signInForAccessToken } from './code-flow-token.js';
export { CookieJar, type StoredCookie } from './cookie-jar.js';
export {
  decodeEntities,
  type FormControl,
  formAction,
  formEntries,
  formWithField,
  type HtmlForm,
  readForms,
} from './html-forms.js';
export type { SameSite } from './set-cookie.js';
export { type SignInOptions, type SignInUser, signIn } from './sign-in.js';
export {
  type FollowOptions,
  type RequestOptions,
  type SubmitOptions,
  TestBrowser,
  type Visit,
  type VisitRecord,
} from './test-browser.js';
