/** One control of a form that can carry a value: an input, a button or a textarea. */
export interface FormControl {
  readonly element: 'input' | 'button' | 'textarea';
  readonly name: string;
  readonly value: string;
  /** Lower case; an input without one is `text`, a button `submit`. */
  readonly type: string;
  readonly checked: boolean;
  readonly disabled: boolean;
}

/** A form of a page, as a browser without script submits it. */
export interface HtmlForm {
  readonly id: string | undefined;
  /** Where it is submitted: the action resolved against the page, the page itself without one. */
  readonly action: URL;
  readonly method: 'GET' | 'POST';
  /** Its controls in the page's order, those outside it that name it in `form="<id>"` included. */
  readonly controls: readonly FormControl[];
}

const TAG = /<(\/?)(form|input|button|textarea)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const TEXTAREA_END = /<\/textarea\s*>/i;
const ENTITY = /&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};
const SUBMIT_TYPES = new Set(['submit']);
const NEVER_SUBMITTED = new Set(['submit', 'image', 'button', 'reset', 'file']);
const CHECKABLE = new Set(['checkbox', 'radio']);

/** The text of HTML with its character references (`&amp;`, `&#39;`, `&#x2F;`) decoded. */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    return NAMED_ENTITIES[lower] ?? whole;
  });
}

function attributesOf(source: string): ReadonlyMap<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name = '', double, single, bare] of source.matchAll(ATTRIBUTE)) {
    const key = name.toLowerCase();
    if (!attributes.has(key)) attributes.set(key, decodeEntities(double ?? single ?? bare ?? ''));
  }
  return attributes;
}

interface FormBuilder {
  readonly id: string | undefined;
  readonly action: URL;
  readonly method: 'GET' | 'POST';
  readonly controls: FormControl[];
}

function controlOf(
  element: FormControl['element'],
  attributes: ReadonlyMap<string, string>,
  content: string,
): FormControl {
  const defaultType = element === 'button' ? 'submit' : element === 'input' ? 'text' : 'textarea';
  return {
    element,
    name: attributes.get('name') ?? '',
    value: element === 'textarea' ? decodeEntities(content) : (attributes.get('value') ?? ''),
    type: (attributes.get('type') ?? defaultType).toLowerCase(),
    checked: attributes.has('checked'),
    disabled: attributes.has('disabled'),
  };
}

/**
 * The forms of a page at `pageUrl`, read as HTML without running any script: `<form>` with its
 * action, method and id; the inputs, buttons and textareas inside it or naming it in `form`.
 * Not read: `<select>`, `<base>`, a button's `formaction`/`formmethod`, nested markup quirks.
 */
export function readForms(html: string, pageUrl: URL): HtmlForm[] {
  const forms: FormBuilder[] = [];
  const named: { control: FormControl; formId: string }[] = [];
  let open: FormBuilder | undefined;
  for (const match of html.matchAll(TAG)) {
    const [whole, closing, tag = '', source = ''] = match;
    const element = tag.toLowerCase();
    const attributes = attributesOf(source);
    if (element === 'form') {
      open = closing === '/' ? undefined : formOf(attributes, pageUrl);
      if (open !== undefined) forms.push(open);
      continue;
    }
    if (closing === '/' || (element !== 'input' && element !== 'button' && element !== 'textarea')) continue;
    const after = html.slice(match.index + whole.length);
    const content = element === 'textarea' ? after.slice(0, Math.max(0, after.search(TEXTAREA_END))) : '';
    const control = controlOf(element, attributes, content);
    const formId = attributes.get('form');
    if (formId !== undefined) named.push({ control, formId });
    else open?.controls.push(control);
  }
  for (const { control, formId } of named) forms.find((form) => form.id === formId)?.controls.push(control);
  return forms;
}

function formOf(attributes: ReadonlyMap<string, string>, pageUrl: URL): FormBuilder {
  const action = attributes.get('action');
  return {
    id: attributes.get('id'),
    action: action === undefined || action === '' ? new URL(pageUrl) : new URL(action, pageUrl),
    method: attributes.get('method')?.toLowerCase() === 'post' ? 'POST' : 'GET',
    controls: [],
  };
}

/** The first form of the page with a control called `field`, or undefined. */
export function formWithField(html: string, pageUrl: URL, field: string): HtmlForm | undefined {
  return readForms(html, pageUrl).find((form) => form.controls.some((control) => control.name === field));
}

/** The action of the page's first form: where filling it in goes. Fails when the page has no form. */
export function formAction(html: string, pageUrl: URL): URL {
  const [form] = readForms(html, pageUrl);
  if (form === undefined) throw new Error(`no form on the page at ${pageUrl.href}:\n${html}`);
  return form.action;
}

/**
 * What submitting `form` sends (the HTML "entry list"): each named, enabled control's value in
 * order, checkboxes and radios only when checked, and of the buttons only the one pressed: the
 * one named `submitter`, or else the form's first submit button. `values` fill in named controls
 * and must each name one: a field the page does not have fails here rather than in the server.
 */
export function formEntries(
  form: HtmlForm,
  values: Readonly<Record<string, string>> = {},
  submitter?: string,
): URLSearchParams {
  for (const name of Object.keys(values)) {
    if (!form.controls.some((control) => control.name === name && !SUBMIT_TYPES.has(control.type)))
      throw new Error(`the form to ${form.action.href} has no field "${name}"`);
  }
  const pressed = pressedButton(form, submitter);
  const entries = new URLSearchParams();
  for (const control of form.controls) {
    if (control.name === '' || control.disabled) continue;
    if (control === pressed) entries.append(control.name, control.value);
    if (NEVER_SUBMITTED.has(control.type) || (CHECKABLE.has(control.type) && !control.checked)) continue;
    const fallback = CHECKABLE.has(control.type) && control.value === '' ? 'on' : control.value;
    entries.append(control.name, values[control.name] ?? fallback);
  }
  return entries;
}

function pressedButton(form: HtmlForm, submitter: string | undefined): FormControl | undefined {
  const buttons = form.controls.filter((control) => SUBMIT_TYPES.has(control.type) && !control.disabled);
  if (submitter === undefined) return buttons[0];
  const pressed = buttons.find((button) => button.name === submitter);
  if (pressed === undefined) throw new Error(`the form to ${form.action.href} has no button "${submitter}"`);
  return pressed;
}
