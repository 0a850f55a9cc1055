import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, type default as Provider } from 'oidc-provider';
import { readBody, sendHtml } from '../http/messages.js';
import { verifyTotpCode } from '../users/totp.js';
import type { UserDirectory } from '../users/user-directory.js';
import type { HumanUserRecord } from '../users/user-records.js';
import { DEV_IDENTITY_PATHS } from '../zitadel/paths.js';
import { SignInAttempts } from './attempts.js';
import { grantRequested } from './consent.js';
import { loginPage, noticePage, totpPage } from './pages.js';

const FORM_LIMIT_BYTES = 16 * 1024;
const WRONG_CREDENTIALS = 'The username or the password is wrong.';
const WRONG_CODE = 'The code is wrong or has expired.';
const DEACTIVATED = 'This user is deactivated.';
const EXPIRED = 'This sign-in has expired: start again from the application.';

/** Zitadel's authentication method references. Source: https://zitadel.com/docs/apis/openidoauth/claims */
const AMR_PASSWORD = ['pwd'];
const AMR_PASSWORD_AND_TOTP = ['pwd', 'otp', 'mfa'];

type Step = 'show' | 'password' | 'totp';
/** Each step by its method and the path after the uid. */
const STEPS: ReadonlyMap<string, Step> = new Map([
  ['GET ', 'show'],
  ['POST /password', 'password'],
  ['POST /totp', 'totp'],
]);

/** One request of one sign-in (an oidc-provider interaction, named by its uid). */
interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly provider: Provider;
  readonly uid: string;
}

function actionOf(exchange: Exchange, step: 'password' | 'totp'): string {
  return `${DEV_IDENTITY_PATHS.loginPrefix}${exchange.uid}/${step}`;
}

/**
 * The stand-in's login: a username and password form, then a TOTP form for users who have one,
 * then consent granted without asking. Served under /ui/login/{interaction uid}.
 */
export class LoginInteractions {
  readonly #provider: () => Provider;
  readonly #directory: UserDirectory;
  readonly #attempts = new SignInAttempts();

  constructor(provider: () => Provider, directory: UserDirectory) {
    this.#provider = provider;
    this.#directory = directory;
  }

  async handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const [uid = '', ...rest] = path.slice(DEV_IDENTITY_PATHS.loginPrefix.length).split('/');
    const step = STEPS.get(`${request.method ?? ''} ${rest.map((part) => `/${part}`).join('')}`);
    if (step === undefined) {
      sendHtml(response, 404, noticePage('There is no such page.'));
      return;
    }
    const provider = this.#provider();
    // The interaction comes from its cookie: a uid in the path without the browser's cookie is refused.
    const interaction = await provider.interactionDetails(request, response).catch((error: unknown) => {
      if (error instanceof errors.OIDCProviderError) return undefined;
      throw error;
    });
    if (interaction?.uid !== uid) {
      sendHtml(response, 400, noticePage(EXPIRED));
      return;
    }
    const exchange: Exchange = { request, response, provider, uid };
    if (interaction.prompt.name === 'consent') {
      const grantId = await grantRequested(provider, interaction);
      await this.#finish(exchange, { consent: { grantId } }, true);
    } else if (step === 'show') {
      const owesCode = this.#attempts.of(uid).passwordVerifiedUserId !== undefined;
      sendHtml(
        response,
        200,
        owesCode ? totpPage(actionOf(exchange, 'totp')) : loginPage(actionOf(exchange, 'password')),
      );
    } else {
      const form = new URLSearchParams(await readBody(request, FORM_LIMIT_BYTES));
      await (step === 'password' ? this.#password(exchange, form) : this.#totp(exchange, form));
    }
  }

  async #password(exchange: Exchange, form: URLSearchParams): Promise<void> {
    const username = form.get('username') ?? '';
    const user = this.#directory.findByLoginName(username);
    const matches =
      user !== undefined && (await this.#directory.passwordMatches(user, form.get('password') ?? ''));
    if (user === undefined || !matches) {
      await this.#refuse(exchange, loginPage(actionOf(exchange, 'password'), WRONG_CREDENTIALS, username));
    } else if (user.state !== 'USER_STATE_ACTIVE') {
      await this.#refuse(exchange, loginPage(actionOf(exchange, 'password'), DEACTIVATED, username));
    } else if (user.totpSecret !== undefined) {
      this.#attempts.of(exchange.uid).passwordVerifiedUserId = user.id;
      sendHtml(exchange.response, 200, totpPage(actionOf(exchange, 'totp')));
    } else {
      await this.#signIn(exchange, user, AMR_PASSWORD);
    }
  }

  async #totp(exchange: Exchange, form: URLSearchParams): Promise<void> {
    const progress = this.#attempts.of(exchange.uid);
    const user =
      progress.passwordVerifiedUserId === undefined
        ? undefined
        : this.#directory.findActive(progress.passwordVerifiedUserId);
    if (user?.totpSecret === undefined) {
      progress.passwordVerifiedUserId = undefined;
      sendHtml(exchange.response, 200, loginPage(actionOf(exchange, 'password')));
    } else if (!verifyTotpCode(user.totpSecret, (form.get('code') ?? '').trim())) {
      await this.#refuse(exchange, totpPage(actionOf(exchange, 'totp'), WRONG_CODE));
    } else {
      await this.#signIn(exchange, user, AMR_PASSWORD_AND_TOTP);
    }
  }

  #signIn(exchange: Exchange, user: HumanUserRecord, amr: string[]): Promise<void> {
    return this.#finish(exchange, { login: { accountId: user.id, amr } }, false);
  }

  /** Shows the form again with the error, until the tries are used up: then the client gets access_denied. */
  async #refuse(exchange: Exchange, retryPage: string): Promise<void> {
    if (!this.#attempts.fail(exchange.uid)) {
      sendHtml(exchange.response, 200, retryPage);
      return;
    }
    const error = { error: 'access_denied', error_description: 'too many failed sign-in attempts' };
    await this.#finish(exchange, error, false);
  }

  async #finish(
    exchange: Exchange,
    result: Parameters<Provider['interactionFinished']>[2],
    mergeWithLastSubmission: boolean,
  ): Promise<void> {
    this.#attempts.forget(exchange.uid);
    await exchange.provider.interactionFinished(exchange.request, exchange.response, result, {
      mergeWithLastSubmission,
    });
  }
}
