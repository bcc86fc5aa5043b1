import { get, set } from 'idb-keyval';
import type { RunOutput } from './messages.js';
import type { PlanSearch } from './planner.js';

/** A plan: a case, and the result of its last run (in the browser or on the server). */
export interface Plan {
  id: string;
  title: string;
  /** The case as YAML (or JSON) text: what is run, validated and downloaded. */
  text: string;
  /** Where it came from: a preset, a bundled file, an upload. */
  origin: string;
  created: number;
  result?: RunOutput & { where: 'browser' | 'server'; runId?: string };
  /** The last plan search (cryoplan plan on the server) for this case. */
  search?: PlanSearch;
}

const KEY = 'cryoplan.plans.v1';

/** The session's plans live in IndexedDB: a reload, or a closed tab, loses nothing. */
export async function loadPlans(): Promise<Plan[]> {
  return ((await get(KEY)) as Plan[] | undefined) ?? [];
}

export async function savePlans(plans: Plan[]): Promise<void> {
  await set(KEY, plans);
}

export const newPlanId = () => crypto.getRandomValues(new Uint32Array(2)).join('-');
