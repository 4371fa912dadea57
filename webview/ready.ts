/**
 * Where the boot script did not run (a shell that links its scripts as files: src/extension/common/html.ts), the
 * page says 'ready' here, first thing, before the other modules (Chart.js and the views) are evaluated: the
 * host's answer is then on its way while they load. Its messages wait in the page's task queue until the script
 * has run, and main.ts registers the listener within that same run, so none is missed. main.ts imports this
 * module first for that reason.
 */
import type { ViewKind } from '../src/shared/protocol';
import { post } from './api';
import { pageBoot } from './bootTypes';

if (!pageBoot()) post({ type: 'ready', view: document.body.dataset.view as ViewKind });
