import { runService } from '@know-foolery/shared/lifecycle';
import { servingMetrics } from '@know-foolery/shared/observability';
import { composeService } from './compose.js';
import { loadConfig } from './config.js';

await runService({ loadConfig, start: servingMetrics(composeService) });
