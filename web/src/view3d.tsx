import { useEffect, useRef, useState } from 'preact/hooks';
import type { Scene } from '../../src/core/model.js';
import type { Summary } from '../../src/io/summary-schema.js';
import { isothermColor } from '../../src/io/report/isotherm-style.js';
import type { Lattice } from './lattice.js';
import type { CutAxis, View3dHandle } from './scene3d.js';
import { structureLegend } from './structure-style.js';

const AXIS_LABEL = ['x (across the skin)', 'y (along the skin)', 'depth'];

/** An axis in the case's own words where it names the sides (the prostate: 'y (posterior to anterior)'). */
function axisLabel(scene: Scene, a: number): string {
  const names = scene.ablation?.side_names;
  const axis = 'xyz'[a];
  const lo = names?.[`-${axis}`];
  const hi = names?.[`+${axis}`];
  return lo && hi ? `${a === 2 ? 'z' : axis} (${lo} to ${hi})` : AXIS_LABEL[a];
}

/**
 * The 3D view's panel: a button that loads three.js (a chunk of its own, fetched only
 * then), the canvas, and controls that work with the keyboard as well as the pointer:
 * rotate, zoom, reset, each isotherm on or off, and a cut plane along any axis.
 */
export function View3D({ scene, lattice, summary, where }: { scene: Scene; lattice?: Lattice; summary: Summary; where: 'browser' | 'server' }) {
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const [shown, setShown] = useState<Record<number, boolean>>({});
  const [cutAxis, setCutAxis] = useState<CutAxis | null>(null);
  const [cutAt, setCutAt] = useState(0);
  const canvas = useRef<HTMLCanvasElement>(null);
  const view = useRef<View3dHandle | null>(null);
  const thresholds = summary.isotherms.map((i) => i.threshold_c);
  const volume = (t: number) => summary.isotherms.find((i) => i.threshold_c === t)?.snapshots.at(-1)?.volume_ml;
  const froze = (volume(0) ?? 0) > 0 || summary.isotherms.some((i) => i.snapshots.some((x) => x.volume_ml > 0));
  // Why there are no surfaces: nothing froze, or a server run whose case wrote no volumes (its field stayed on the server).
  const missing = lattice
    ? ''
    : froze && where === 'server'
      ? 'This run on the server wrote no volumes, so its temperature field is not here: add outputs: { volumes: [vti] } to the case, or run it in this browser. Only the probe and the anatomy are shown.'
      : 'No tissue froze: only the probe and the anatomy are shown.';

  useEffect(() => {
    if (!open || !canvas.current) return;
    let gone = false;
    setState('loading');
    import('./scene3d.js')
      .then(({ mountView3d }) => {
        if (gone || !canvas.current) return;
        view.current = mountView3d(canvas.current, {
          scene,
          lattice: lattice ?? null,
          isotherms: thresholds.map((t) => ({ threshold_c: t, color: isothermColor(t, thresholds) })),
        });
        // For tests and a person's curiosity: how many triangles each surface has.
        canvas.current.dataset.triangles = JSON.stringify(view.current.triangles());
        setShown(Object.fromEntries(thresholds.map((t) => [t, true])));
        setState('ready');
      })
      .catch((e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
        setState('error');
      });
    return () => {
      gone = true;
      view.current?.dispose();
      view.current = null;
    };
  }, [open, scene, lattice]);

  const range = (a: CutAxis): [number, number] =>
    lattice ? [lattice.lo_mm[a], lattice.hi_mm[a]] : a === 2 ? [0, scene.domain.depth_mm] : a === 0 ? scene.domain.x_mm : scene.domain.y_mm;
  const applyCut = (axis: CutAxis | null, at: number) => {
    setCutAxis(axis);
    setCutAt(at);
    view.current?.setCut(axis === null ? null : { axis, at_mm: at });
  };

  const onKey = (e: KeyboardEvent) => {
    const v = view.current;
    if (!v) return;
    const step = e.shiftKey ? 3 : 12;
    const act: Record<string, () => void> = {
      ArrowLeft: () => v.orbit(-step, 0),
      ArrowRight: () => v.orbit(step, 0),
      ArrowUp: () => v.orbit(0, step),
      ArrowDown: () => v.orbit(0, -step),
      '+': () => v.zoom(0.85),
      '=': () => v.zoom(0.85),
      '-': () => v.zoom(1 / 0.85),
      Home: () => v.reset(),
      '0': () => v.reset(),
    };
    const f = act[e.key];
    if (f) {
      e.preventDefault();
      f();
    }
  };

  if (!open)
    return (
      <div class="view3d">
        <button type="button" id="open-3d" onClick={() => setOpen(true)} aria-expanded="false">
          Show the 3D view
        </button>{' '}
        <span class="hint">
          {lattice
            ? 'the 0 / −20 / −40 °C surfaces with the probe, nerve and vessels (loads the 3D viewer, about 150 KB)'
            : 'no ice ball was recorded for this result'}
        </span>
      </div>
    );

  return (
    <div class="view3d open">
      <div class="view3d-canvas">
        <canvas
          ref={canvas}
          id="view3d"
          tabIndex={0}
          role="img"
          aria-label={`3D view: ${thresholds.map((t) => `${t} °C surface${volume(t) !== undefined ? ` (${volume(t)!.toFixed(2)} ml)` : ''}`).join(', ')}, with the probe, nerves and vessels. Arrow keys rotate, plus and minus zoom, Home resets.`}
          onKeyDown={onKey}
        />
        {state === 'loading' && <p class="view3d-status">Loading the 3D viewer…</p>}
        {state === 'error' && (
          <p class="view3d-status issues" role="alert">
            The 3D view could not start: {error}
          </p>
        )}
        {!lattice && state === 'ready' && <p class="view3d-status">{missing}</p>}
      </div>
      <div class="view3d-controls">
        <fieldset>
          <legend>Surfaces (lowest temperature reached)</legend>
          {thresholds.map((t) => (
            <label key={t} class="check">
              <input
                type="checkbox"
                checked={shown[t] ?? true}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  setShown((s) => ({ ...s, [t]: on }));
                  view.current?.setVisible(t, on);
                }}
              />{' '}
              <span class="swatch" style={{ background: isothermColor(t, thresholds) }} /> {t} °C
              {volume(t) !== undefined ? ` · ${volume(t)!.toFixed(2)} ml` : ''}
            </label>
          ))}
          <ul class="legend-list">
            {structureLegend(scene).map((st) => (
              <li key={st.label}>
                <span class="swatch" style={{ background: st.color, opacity: Math.max(st.opacity, 0.5) }} /> {st.label}
                {st.names.length ? <span class="hint">: {st.names.join(', ')}</span> : null}
              </li>
            ))}
          </ul>
        </fieldset>
        <fieldset>
          <legend>Cut plane</legend>
          <label for="cut-axis">Cut along</label>{' '}
          <select
            id="cut-axis"
            value={cutAxis === null ? '' : String(cutAxis)}
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              if (v === '') applyCut(null, cutAt);
              else {
                const a = Number(v) as CutAxis;
                const [lo, hi] = range(a);
                applyCut(a, (lo + hi) / 2);
              }
            }}
          >
            <option value="">no cut</option>
            {[0, 1, 2].map((a) => (
              <option key={a} value={a}>
                {axisLabel(scene, a)}
              </option>
            ))}
          </select>
          {cutAxis !== null && (
            <div class="row">
              <label for="cut-at">at</label>
              <input
                id="cut-at"
                type="range"
                min={range(cutAxis)[0]}
                max={range(cutAxis)[1]}
                step={0.1}
                value={cutAt}
                onInput={(e) => applyCut(cutAxis, Number((e.target as HTMLInputElement).value))}
              />
              <output for="cut-at">{cutAt.toFixed(1)} mm</output>
            </div>
          )}
        </fieldset>
        <fieldset class="row">
          <legend>Rotate and zoom</legend>
          <button type="button" aria-label="rotate left" onClick={() => view.current?.orbit(-15, 0)}>
            ⟲
          </button>
          <button type="button" aria-label="rotate right" onClick={() => view.current?.orbit(15, 0)}>
            ⟳
          </button>
          <button type="button" aria-label="tilt up" onClick={() => view.current?.orbit(0, 15)}>
            ↑
          </button>
          <button type="button" aria-label="tilt down" onClick={() => view.current?.orbit(0, -15)}>
            ↓
          </button>
          <button type="button" aria-label="zoom in" onClick={() => view.current?.zoom(0.8)}>
            +
          </button>
          <button type="button" aria-label="zoom out" onClick={() => view.current?.zoom(1.25)}>
            −
          </button>
          <button type="button" onClick={() => view.current?.reset()}>
            Reset view
          </button>
        </fieldset>
        <p class="hint">
          Drag to rotate, wheel or pinch to zoom, right-drag to pan. Keyboard: focus the view (Tab), then arrows rotate, + and − zoom, Home resets.
        </p>
      </div>
    </div>
  );
}
