import type { Progress } from '../../src/core/result.js';
import type { Summary } from '../../src/io/summary-schema.js';
import type { PlanJson } from '../../src/io/plan/schema.js';

/** The server's token, when it was started with --token (kept for the tab only). */
const token = () => sessionStorage.getItem('cryoplan.token');
export const setToken = (t: string) => sessionStorage.setItem('cryoplan.token', t);

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const t = token();
  return t ? { ...extra, authorization: `Bearer ${t}` } : extra;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { ...init, headers: headers((init.headers as Record<string, string>) ?? {}) });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message: string; issues: { path: string; message: string }[] } } | null;
    throw new ApiFailure(res.status, body?.error?.message ?? `${res.status} ${res.statusText}`, body?.error?.issues ?? []);
  }
  return (await res.json()) as T;
}

export interface ServerRun {
  id: string;
  status: string;
  reason?: string;
  files?: string[];
  progress?: Progress & { fraction: number };
}

// fields=vtr: the temperature field comes back (fields.vtr) for the 3D view, whatever volumes the case asks for.
export const submitRun = (text: string) =>
  call<ServerRun>('/api/runs?fields=vtr', { method: 'POST', body: text, headers: { 'content-type': 'application/yaml' } });
export const cancelRun = (id: string) => call<ServerRun>(`/api/runs/${id}`, { method: 'DELETE' });
export const runSummary = (id: string) => call<Summary>(`/api/runs/${id}/summary.json`);
export async function runReport(id: string): Promise<string> {
  const res = await fetch(`/api/runs/${id}/report.html`, { headers: headers() });
  return res.ok ? res.text() : '';
}

/** A text file of a finished run (series.csv, fields.vtr). */
export async function runFile(id: string, name: string): Promise<string> {
  const res = await fetch(`/api/runs/${id}/${name}`, { headers: headers() });
  if (!res.ok) throw new ApiFailure(res.status, `${name}: ${res.status}`);
  return res.text();
}

/** Follows a run's server-sent events (read with fetch, so that a token can be sent) until it ends. */
export const followRun = (id: string, onProgress: (p: Progress & { fraction: number }) => void, signal?: AbortSignal) =>
  follow<ServerRun, Progress & { fraction: number }>(`/api/runs/${id}/events`, onProgress, signal);

/** Follows a run's or a plan's server-sent events until the stream ends; resolves with the last status. */
async function follow<S, P>(url: string, onProgress: (p: P) => void, signal?: AbortSignal): Promise<S> {
  const res = await fetch(url, { headers: headers(), signal });
  if (!res.ok || !res.body) throw new ApiFailure(res.status, `events: ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  let last: S | null = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buf += value;
    for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const ev = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!ev || !data) continue;
      if (ev === 'progress') onProgress(JSON.parse(data));
      else last = JSON.parse(data) as S;
    }
  }
  if (!last) throw new ApiFailure(0, 'the event stream ended without a status');
  return last;
}

export interface ServerPlan {
  id: string;
  status: string;
  reason?: string;
  verdict?: string;
  files?: string[];
  progress?: PlanProgress;
}

export interface PlanProgress {
  done: number;
  planned: number;
  cached: number;
  wall_s: number;
  eta_s: number | null;
  fraction: number;
}

export const submitPlan = (text: string) => call<ServerPlan>('/api/plans', { method: 'POST', body: text, headers: { 'content-type': 'application/yaml' } });
export const cancelPlan = (id: string) => call<ServerPlan>(`/api/plans/${id}`, { method: 'DELETE' });
export const planJson = (id: string) => call<PlanJson>(`/api/plans/${id}/plan.json`);
export async function planFile(id: string, name: 'plan.yaml' | 'plan.html'): Promise<string> {
  const res = await fetch(`/api/plans/${id}/${name}`, { headers: headers() });
  if (!res.ok) throw new ApiFailure(res.status, `${name}: ${res.status}`);
  return res.text();
}
export const followPlan = (id: string, onProgress: (p: PlanProgress) => void, signal?: AbortSignal) =>
  follow<ServerPlan, PlanProgress>(`/api/plans/${id}/events`, onProgress, signal);
