/**
 * The view of elements that are not built yet: their options are fully validated, then a
 * clear "not available yet" panel is shown and a `warn` is logged. No request is made.
 */
import type { View, ViewContext } from '../lib/element.js';

class NoticeView<O> implements View<O> {
  constructor(ctx: ViewContext<O>) {
    this.update(ctx);
  }

  update(ctx: ViewContext<O>): void {
    const { h, t, root, notifier } = ctx;
    root.replaceChildren(h('p', { p: 'notice', role: 'status' }, t('core.not_available')));
    notifier.log('warn', `${notifier.element} is not available in this version of the library`);
  }

  refresh(): void {}

  destroy(): void {}
}

/** Creates the placeholder view. */
export function noticeView<O>(ctx: ViewContext<O>): View<O> {
  return new NoticeView(ctx);
}
