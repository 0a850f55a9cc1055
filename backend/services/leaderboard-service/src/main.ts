import { runService } from '@know-foolery/shared/lifecycle';
import { composeService } from './compose.js';
import { loadConfig } from './config.js';

await runService({ loadConfig, start: composeService });
