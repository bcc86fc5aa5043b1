import { useMemo, useRef } from 'preact/hooks';
import { contours } from 'd3-contour';
import type { Scene, Vec3 } from '../../src/core/model.js';
import { planeU, type Plane, type Slice } from './planes.js';

const TISSUE_COLOURS: Record<string, string> = {
  skin: '#e8b9a0',
  dermis: '#e8b9a0',
  epidermis: '#f0c8b0',
  fat: '#f4e3a1',
  muscle: '#d98b7e',
  prostate: '#cf9cc0',
  bone: '#eeeadf',
  nerve: '#f6d743',
  blood: '#b3262f',
  tendon: '#e9e2d0',
};
const colour = (tissue: string) => TISSUE_COLOURS[tissue] ?? '#cfc6c0';
export const ISOTHERM_COLOURS: Record<number, string> = { 0: '#1f6fd1', [-20]: '#7b3fc4', [-40]: '#0b1f66' };

export interface DragTarget {
  kind: 'probe' | 'nerve';
  /** Moves by (du, dv) mm in the plane. */
  move(du: number, dv: number): void;
}

interface Props {
  scene: Scene;
  plane: Plane;
  slice?: Slice;
  /** Temperatures in the slice are the coldest each cell reached (after a run) rather than now (during one). */
  title: string;
  onProbe?: (delta: Vec3) => void;
  onNerve?: (delta: Vec3) => void;
  isotherms?: number[];
}

/** The plane's (u, v) of a 3D point. */
const uv = (p: Plane, q: Vec3): [number, number] => [q[planeU(p)], q[2]];

/** A 3D delta from an in-plane one. */
function delta3(p: Plane, du: number, dv: number): Vec3 {
  const d: Vec3 = [0, 0, dv];
  d[planeU(p)] = du;
  return d;
}

function interp(xs: number[], t: number): number {
  if (t <= 0) return xs[0];
  if (t >= xs.length - 1) return xs[xs.length - 1];
  const i = Math.floor(t);
  return xs[i] + (xs[i + 1] - xs[i]) * (t - i);
}

/** Isotherm contours of a slice, in mm: d3's marching squares on the cell values, mapped through the graded grid's centres. */
function isothermPaths(s: Slice, thresholds: number[]): { t: number; d: string }[] {
  const nu = s.u_mm.length;
  const nv = s.v_mm.length;
  const neg = Array.from(s.values, (v) => -v);
  const gen = contours().size([nu, nv]).smooth(true);
  return thresholds.map((t) => {
    const mp = gen.contour(neg, -t);
    let d = '';
    for (const poly of mp.coordinates)
      for (const ring of poly) {
        d += ring.map(([x, y], i) => `${i ? 'L' : 'M'}${interp(s.u_mm, x - 0.5).toFixed(3)},${interp(s.v_mm, y - 0.5).toFixed(3)}`).join('');
        d += 'Z';
      }
    return { t, d };
  });
}

/** Cells below 0 °C shaded by how cold they are, drawn at their true (graded) sizes into an image. */
function iceImage(s: Slice, u0: number, u1: number, depth: number): string {
  const pxPerMm = 6;
  const w = Math.max(1, Math.round((u1 - u0) * pxPerMm));
  const h = Math.max(1, Math.round(depth * pxPerMm));
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  const g = c.getContext('2d')!;
  const nu = s.u_mm.length;
  for (let k = 0; k < s.v_mm.length; k++)
    for (let a = 0; a < nu; a++) {
      const T = s.values[k * nu + a];
      if (!(T < 0)) continue;
      const f = Math.min(1, -T / 60);
      g.fillStyle = `rgba(${Math.round(120 - 100 * f)},${Math.round(190 - 120 * f)},255,${0.35 + 0.45 * f})`;
      const x = (s.u_edges_mm[a] - u0) * pxPerMm;
      const y = s.v_edges_mm[k] * pxPerMm;
      g.fillRect(x, y, (s.u_edges_mm[a + 1] - s.u_edges_mm[a]) * pxPerMm + 0.5, (s.v_edges_mm[k + 1] - s.v_edges_mm[k]) * pxPerMm + 0.5);
    }
  return c.toDataURL();
}

/** Where a polyline crosses the plane (normal coordinate = at), or null. */
function crossing(path: Vec3[], p: Plane): Vec3 | null {
  for (let i = 0; i + 1 < path.length; i++) {
    const a = path[i];
    const b = path[i + 1];
    const da = a[p.normal] - p.at_mm;
    const db = b[p.normal] - p.at_mm;
    if (da === 0) return a;
    if (da * db <= 0 && da !== db) {
      const t = da / (da - db);
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
    }
  }
  return null;
}

/**
 * A cross-section of the anatomy with the probe and nerve on it (drag them, or
 * focus them and use the arrow keys: 0.5 mm a press, 0.1 with Shift), the ice
 * ball shaded and its isotherms drawn when a slice is given.
 */
export function Section({ scene, plane, slice, title, onProbe, onNerve, isotherms = [0, -20, -40] }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const clipId = useMemo(() => `clip-${Math.random().toString(36).slice(2)}`, []);
  const drag = useRef<{ kind: 'probe' | 'nerve'; last: [number, number] } | null>(null);
  const u = planeU(plane);
  const dom = scene.domain;
  const [u0, u1] = u === 0 ? dom.x_mm : dom.y_mm;
  const depth = dom.depth_mm;
  const pad = Math.max(2, (u1 - u0) * 0.04);
  // Labels in proportion to the section, whatever its size in mm.
  const fs = Math.max(u1 - u0, depth) * 0.026;

  const toMm = (e: PointerEvent): [number, number] => {
    const m = svg.current!.getScreenCTM()!.inverse();
    const pt = new DOMPoint(e.clientX, e.clientY).matrixTransform(m);
    return [pt.x, pt.y];
  };
  const onDown = (kind: 'probe' | 'nerve') => (e: PointerEvent) => {
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    drag.current = { kind, last: toMm(e) };
    e.preventDefault();
  };
  const onMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const now = toMm(e);
    const du = Math.round((now[0] - d.last[0]) * 10) / 10;
    const dv = Math.round((now[1] - d.last[1]) * 10) / 10;
    if (du === 0 && dv === 0) return;
    d.last = [d.last[0] + du, d.last[1] + dv];
    (d.kind === 'probe' ? onProbe : onNerve)?.(delta3(plane, du, dv));
  };
  const onUp = () => {
    drag.current = null;
  };
  const onKey = (kind: 'probe' | 'nerve') => (e: KeyboardEvent) => {
    const step = e.shiftKey ? 0.1 : 0.5;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    (kind === 'probe' ? onProbe : onNerve)?.(delta3(plane, m[0], m[1]));
  };

  const image = useRef<string>('');
  const paths = slice ? isothermPaths(slice, isotherms) : [];
  if (slice) image.current = iceImage(slice, u0, u1, depth);

  // Layers stack down from the skin.
  let z = 0;
  const layerLabels: preact.JSX.Element[] = [];
  const layers = scene.layers.map((l, i) => {
    const r = <rect key={`l${i}`} x={u0} y={z} width={u1 - u0} height={l.thickness_mm} fill={colour(l.tissue)} />;
    if (l.thickness_mm >= fs * 2)
      layerLabels.push(
        <text key={`t${i}`} x={u0 + fs * 0.6} y={z + Math.min(l.thickness_mm, fs * 3) * 0.8} class="layer-label" font-size={fs}>
          {l.name ?? l.tissue}
        </text>,
      );
    z += l.thickness_mm;
    return r;
  });

  const drawStructures = (interactive: boolean) =>
    scene.structures.map((s, i) => {
      const isNerve = s.role === 'nerve';
      const fill = isNerve ? '#f6d743' : s.role === 'vessel' ? '#b3262f' : colour(s.tissue);
      if (s.kind === 'box') {
        if (plane.at_mm < s.min_mm[plane.normal] || plane.at_mm > s.max_mm[plane.normal]) return null;
        return (
          <rect
            key={i}
            x={s.min_mm[u]}
            y={s.min_mm[2]}
            width={s.max_mm[u] - s.min_mm[u]}
            height={s.max_mm[2] - s.min_mm[2]}
            fill={fill}
            stroke="#8a8270"
            stroke-width={0.15}
          />
        );
      }
      if (s.kind === 'sphere') {
        const off = Math.abs(s.center_mm[plane.normal] - plane.at_mm);
        const r = s.diameter_mm / 2;
        if (off >= r) return null;
        const [cu, cv] = uv(plane, s.center_mm);
        return <circle key={i} cx={cu} cy={cv} r={Math.sqrt(r * r - off * off)} fill={fill} />;
      }
      if (s.kind === 'ellipsoid') {
        // An axis-aligned ellipsoid cut by the plane is an ellipse shrunk by the plane's offset.
        const n = plane.normal;
        const off = (plane.at_mm - s.center_mm[n]) / s.semi_axes_mm[n];
        if (Math.abs(off) >= 1) return null;
        const f = Math.sqrt(1 - off * off);
        const [cu, cv] = uv(plane, s.center_mm);
        return <ellipse key={i} cx={cu} cy={cv} rx={s.semi_axes_mm[u] * f} ry={s.semi_axes_mm[2] * f} fill={fill} />;
      }
      if (s.kind === 'label') return null; // the app takes no labelmaps (the case is refused before it gets here)
      const path: Vec3[] = s.kind === 'tube' ? s.path_mm : [s.start_mm, s.end_mm];
      // Lying in (or near) the plane: drawn along its length; else where it crosses the plane.
      const inPlane = path.every((q) => Math.abs(q[plane.normal] - plane.at_mm) <= s.diameter_mm / 2 + 0.5);
      const x = inPlane ? null : crossing(path, plane);
      const handlers =
        interactive && isNerve && onNerve
          ? { onPointerDown: onDown('nerve'), onKeyDown: onKey('nerve'), tabindex: 0, role: 'button' as const, class: 'draggable' }
          : {};
      const name = `${s.name}${isNerve && onNerve ? ': drag, or arrow keys, to move it' : ''}`;
      if (x) {
        const [cu, cv] = uv(plane, x);
        return (
          <g key={i} aria-label={name} {...handlers}>
            <title>{name}</title>
            <circle cx={cu} cy={cv} r={s.diameter_mm / 2} fill={fill} stroke="#5b4a00" stroke-width={0.12} />
          </g>
        );
      }
      if (!inPlane) return null;
      return (
        <g key={i} aria-label={name} {...handlers}>
          <title>{name}</title>
          <polyline
            points={path.map((q) => uv(plane, q).join(',')).join(' ')}
            fill="none"
            stroke={fill}
            stroke-width={s.diameter_mm}
            stroke-linecap="round"
            opacity={0.95}
          />
        </g>
      );
    });
  const structures = drawStructures(true);

  /** Each nerve's name under where it crosses the plane (clear of a vessel beside it), or above its left end when it lies in it. */
  const nerveLabels = scene.structures.flatMap((s, i) => {
    if (s.role !== 'nerve' || (s.kind !== 'tube' && s.kind !== 'cylinder')) return [];
    const path: Vec3[] = s.kind === 'tube' ? s.path_mm : [s.start_mm, s.end_mm];
    const inPlane = path.every((q) => Math.abs(q[plane.normal] - plane.at_mm) <= s.diameter_mm / 2 + 0.5);
    const x = inPlane ? null : crossing(path, plane);
    if (!inPlane && !x) return [];
    let at: [number, number];
    let anchor: 'start' | 'middle' = 'start';
    if (x) {
      const [cu, cv] = uv(plane, x);
      // Centred, but kept inside the section (about 0.55 em a character).
      const half = (fs * 0.55 * s.name.length) / 2;
      at = [Math.min(Math.max(cu, u0 + half), u1 - half), cv + s.diameter_mm / 2 + fs * 1.05];
      anchor = 'middle';
    } else {
      const ends = path.map((q) => uv(plane, q)).sort((a, b) => a[0] - b[0]);
      at = [Math.max(ends[0][0], u0) + fs * 0.6, ends[0][1] - s.diameter_mm / 2 - fs * 0.3];
    }
    return [
      <text key={`n${i}`} x={at[0]} y={at[1]} text-anchor={anchor} class="nerve-label" font-size={fs}>
        {s.name}
      </text>,
    ];
  });

  const probes = scene.probes.map((p, i) => {
    const handlers =
      onProbe && i === 0
        ? { onPointerDown: onDown('probe'), onKeyDown: onKey('probe'), tabindex: 0, role: 'button' as const, class: 'draggable probe' }
        : { class: 'probe' };
    const name = `probe ${p.id}${onProbe && i === 0 ? ': drag, or arrow keys, to move it' : ''}`;
    if (p.kind !== 'needle') {
      const c: Vec3 = [p.center_mm[0], p.center_mm[1], 0];
      const [cu] = uv(plane, c);
      return (
        <g key={p.id} aria-label={name} {...handlers}>
          <title>{name}</title>
          <rect x={cu - p.diameter_mm / 2} y={-1.2} width={p.diameter_mm} height={1.2} fill="#6b7c93" />
        </g>
      );
    }
    const tip = p.tip_mm;
    const d = p.direction;
    const back: Vec3 = [tip[0] - d[0] * p.active_length_mm, tip[1] - d[1] * p.active_length_mm, tip[2] - d[2] * p.active_length_mm];
    // The shaft runs back from the active segment to the skin (z = 0).
    const toSkin = d[2] > 1e-6 ? back[2] / d[2] : 20;
    const skin: Vec3 = [back[0] - d[0] * toSkin, back[1] - d[1] * toSkin, back[2] - d[2] * toSkin];
    const across = Math.abs(d[plane.normal]) > 0.9;
    if (across) {
      const c = crossing([back, tip], plane) ?? [(tip[0] + back[0]) / 2, (tip[1] + back[1]) / 2, (tip[2] + back[2]) / 2];
      const [cu, cv] = uv(plane, c);
      return (
        <g key={p.id} aria-label={name} {...handlers}>
          <title>{name}</title>
          <circle cx={cu} cy={cv} r={p.diameter_mm / 2} fill="#3b4a5e" stroke="#fff" stroke-width={0.15} />
        </g>
      );
    }
    const [tu, tv] = uv(plane, tip);
    const [bu, bv] = uv(plane, back);
    const [su, sv] = uv(plane, skin);
    return (
      <g key={p.id} aria-label={name} {...handlers}>
        <title>{name}</title>
        <line x1={bu} y1={bv} x2={su} y2={sv} stroke="#8796aa" stroke-width={p.diameter_mm * 0.8} />
        <line x1={tu} y1={tv} x2={bu} y2={bv} stroke="#3b4a5e" stroke-width={p.diameter_mm} stroke-linecap="round" />
      </g>
    );
  });

  return (
    <figure class="section">
      <figcaption>{title}</figcaption>
      <svg
        ref={svg}
        viewBox={`${u0 - pad} ${-pad} ${u1 - u0 + 2 * pad} ${depth + 2 * pad}`}
        role="img"
        aria-label={`cross-section ${title}`}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
        preserveAspectRatio="xMidYMin meet"
      >
        <clipPath id={clipId}>
          <rect x={u0} y={-2} width={u1 - u0} height={depth + 2} />
        </clipPath>
        <g clip-path={`url(#${clipId})`}>
          <rect x={u0} y={0} width={u1 - u0} height={depth} fill="#ddd" />
          {layers}
          {structures}
          {slice && <image href={image.current} x={u0} y={0} width={u1 - u0} height={depth} preserveAspectRatio="none" />}
          {slice && <g class="outlines">{drawStructures(false)}</g>}
          {paths.map((p) => (
            <path
              key={p.t}
              d={p.d}
              fill="none"
              stroke={ISOTHERM_COLOURS[p.t] ?? '#000'}
              stroke-width={0.25}
              stroke-dasharray={p.t === 0 ? undefined : '0.8 0.4'}
            />
          ))}
          {probes}
          {/* Last, with a halo: legible over the tissues, the ice, the isotherms and the probe. */}
          <g class="section-labels" stroke-width={fs * 0.28}>
            {layerLabels}
            {nerveLabels}
          </g>
        </g>
        <line x1={u0} y1={0} x2={u1} y2={0} stroke="#333" stroke-width={0.2} />
        <text x={u1} y={-fs * 0.5} text-anchor="end" class="axis-label" font-size={fs}>
          {u === 0 ? 'x' : 'y'} (mm) → · depth ↓
        </text>
      </svg>
      {slice && (
        <p class="legend">
          {isotherms.map((t) => (
            <span key={t} style={{ color: ISOTHERM_COLOURS[t] }}>
              ── {t} °C{' '}
            </span>
          ))}
        </p>
      )}
    </figure>
  );
}
