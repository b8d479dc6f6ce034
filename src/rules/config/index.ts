/** Deployment-config rules, read as text. Order only affects the order of findings on one line. */
import type { ConfigRule } from '../types.js';
import { stickyNginx } from './sticky-nginx.js';

export const configRules: ConfigRule[] = [stickyNginx];
