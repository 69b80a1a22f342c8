import type { Stage } from '../pipeline/runner/stage.js';
import { clusterStage } from './cluster.js';
import { embedStage } from './embed.js';
import { extractStage } from './extract.js';
import { ingestStage } from './ingest.js';
import { sampleStage } from './sample.js';
import { evaluateStage } from './evaluate.js';
import { reportStage } from './report.js';

/** Every stage of the main job, in pipeline order. */
export const ALL_STAGES: Stage[] = [ingestStage, extractStage, embedStage, clusterStage, sampleStage, evaluateStage, reportStage];
