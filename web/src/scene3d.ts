/**
 * The 3D view (three.js, loaded only when a person opens it): the 0 / -20 / -40 °C
 * isosurfaces of the lowest temperature reached, by three's own marching cubes on the
 * run's lattice, with the probes, nerves and vessels of the case, a cut plane, and
 * orbit / zoom by pointer or keys, and orientation cues over it (an axis triad with skin /
 * deep and the case's axes in its own words, a scale bar: orientation.ts). It draws on
 * demand (after a change), not in a loop.
 */
import {
  AmbientLight,
  BoxGeometry,
  Color,
  CurvePath,
  CylinderGeometry,
  DirectionalLight,
  DoubleSide,
  EdgesGeometry,
  Group,
  LineBasicMaterial,
  LineCurve3,
  LineSegments,
  Matrix4,
  Mesh,
  MeshPhongMaterial,
  PerspectiveCamera,
  Plane,
  PlaneGeometry,
  SphereGeometry,
  Quaternion,
  Scene as ThreeScene,
  Spherical,
  TubeGeometry,
  Vector3,
  WebGLRenderer,
} from 'three';
import { MarchingCubes } from 'three/examples/jsm/objects/MarchingCubes.js';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { Scene, Vec3 } from '../../src/core/model.js';
import type { Lattice } from './lattice.js';
import { nerveTube } from '../../src/core/outcome/nerve-tube.js';
import { probeStyle, structureStyle } from './structure-style.js';
import { axisWords, niceLength } from './orientation.js';

export interface View3dInput {
  scene: Scene;
  lattice: Lattice | null;
  /** Isotherms to draw, °C, with their colours (the report's). */
  isotherms: Array<{ threshold_c: number; color: string }>;
}

/** Case axis of the cut: 0 = x, 1 = y, 2 = depth. */
export type CutAxis = 0 | 1 | 2;

export interface View3dHandle {
  setVisible(threshold_c: number, on: boolean): void;
  /** Removes what lies beyond `at_mm` along the axis (null: no cut). */
  setCut(cut: { axis: CutAxis; at_mm: number } | null): void;
  orbit(dAzimuthDeg: number, dElevationDeg: number): void;
  zoom(factor: number): void;
  reset(): void;
  /** Triangles drawn per isotherm (0 when it encloses nothing). */
  triangles(): Record<number, number>;
  dispose(): void;
}

// Case coordinates (x, y along the skin, z = depth, down) to three's (y up): (x, -z, y), a proper rotation.
const CASE_TO_THREE = new Matrix4().set(1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1);
const AXES_THREE: Vector3[] = [new Vector3(1, 0, 0), new Vector3(0, 0, 1), new Vector3(0, -1, 0)];
const toThree = (p: Vec3) => new Vector3(p[0], p[1], p[2]).applyMatrix4(CASE_TO_THREE);

const OPACITY = [0.32, 0.5, 0.85, 0.9];
const MAX_POLYS = 40_000;

function polyline(points: Vec3[]): CurvePath<Vector3> {
  const path = new CurvePath<Vector3>();
  for (let i = 1; i < points.length; i++) path.add(new LineCurve3(new Vector3(...points[i - 1]), new Vector3(...points[i])));
  return path;
}

/** A cylinder between two points (case coordinates). */
function rod(a: Vec3, b: Vec3, diameter: number, color: string): Mesh {
  const va = new Vector3(...a);
  const vb = new Vector3(...b);
  const len = va.distanceTo(vb);
  const m = new Mesh(new CylinderGeometry(diameter / 2, diameter / 2, Math.max(len, 1e-3), 20), new MeshPhongMaterial({ color }));
  m.position.copy(va.clone().add(vb).multiplyScalar(0.5));
  m.quaternion.copy(new Quaternion().setFromUnitVectors(new Vector3(0, 1, 0), vb.clone().sub(va).normalize()));
  return m;
}

export function mountView3d(canvas: HTMLCanvasElement, input: View3dInput): View3dHandle {
  const { scene, lattice } = input;
  // preserveDrawingBuffer: a screenshot or a test can read what is shown.
  const renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
  renderer.localClippingEnabled = true;
  const three = new ThreeScene();
  three.background = new Color('#f4f6f9');
  three.add(new AmbientLight(0xffffff, 1.1));
  const sun = new DirectionalLight(0xffffff, 2.2);
  sun.position.set(1, 2, 1.5);
  three.add(sun);
  const back = new DirectionalLight(0xffffff, 0.8);
  back.position.set(-1, -0.5, -1);
  three.add(back);

  // Everything below is in case coordinates (mm); the group turns them into three's.
  const world = new Group();
  world.matrixAutoUpdate = false;
  world.matrix.copy(CASE_TO_THREE);
  three.add(world);

  const d = scene.domain;
  const domainBox = new Mesh(new BoxGeometry(d.x_mm[1] - d.x_mm[0], d.y_mm[1] - d.y_mm[0], d.depth_mm));
  const edges = new LineSegments(new EdgesGeometry(domainBox.geometry), new LineBasicMaterial({ color: '#9aa5b4' }));
  edges.position.set((d.x_mm[0] + d.x_mm[1]) / 2, (d.y_mm[0] + d.y_mm[1]) / 2, d.depth_mm / 2);
  world.add(edges);
  const clip: Plane[] = [];
  // Materials the cut applies to: a change in the number of planes recompiles their shaders.
  const clipped: MeshPhongMaterial[] = [];
  const skinMaterial = new MeshPhongMaterial({ color: '#e8b9a0', transparent: true, opacity: 0.35, side: DoubleSide, depthWrite: false, clippingPlanes: clip });
  clipped.push(skinMaterial);
  const skin = new Mesh(new PlaneGeometry(d.x_mm[1] - d.x_mm[0], d.y_mm[1] - d.y_mm[0]), skinMaterial);
  skin.position.set((d.x_mm[0] + d.x_mm[1]) / 2, (d.y_mm[0] + d.y_mm[1]) / 2, 0);
  world.add(skin);

  // Orientation, drawn over the canvas (aria-hidden: the canvas's label and the cut-plane list say the same in words).
  const words = axisWords(scene);
  const SVG = 'http://www.w3.org/2000/svg';
  const overlay = document.createElement('div');
  overlay.className = 'view3d-cues';
  overlay.setAttribute('aria-hidden', 'true');
  const triad = document.createElementNS(SVG, 'svg');
  triad.setAttribute('class', 'triad');
  // One unit a pixel, with room either side for the longest words (an axis's end at 44 px, its words beyond).
  triad.setAttribute('viewBox', '-110 -60 220 120');
  const ends = words.flatMap((w, a) =>
    ([1, -1] as const).flatMap((sign) => {
      const text = sign === 1 ? w.plus : w.minus;
      if (text === null) return [];
      const line = document.createElementNS(SVG, 'line');
      line.setAttribute('class', sign === 1 ? `axis axis-${a}` : `axis minus axis-${a}`);
      const label = document.createElementNS(SVG, 'text');
      label.setAttribute('class', sign === 1 ? `end end-${a}` : `end minus end-${a}`);
      label.textContent = text;
      triad.append(line, label);
      return [{ a, sign, line, label }];
    }),
  );
  const scale = document.createElement('div');
  scale.className = 'scale';
  const scaleBar = document.createElement('span');
  scaleBar.className = 'bar';
  const scaleText = document.createElement('span');
  scale.append(scaleBar, scaleText);
  scale.title = 'at the distance of the point the view turns about';
  overlay.append(triad, scale);
  canvas.parentElement?.appendChild(overlay);

  for (const s of scene.structures) {
    const style = structureStyle(scene, s);
    // Nerves and vessels solid; the target and other organs translucent, so that the ice inside them shows (and cut with it).
    const solid = style.opacity >= 1;
    const material = new MeshPhongMaterial({
      color: style.color,
      ...(solid ? {} : { transparent: true, opacity: style.opacity, depthWrite: false, side: DoubleSide, clippingPlanes: clip }),
    });
    if (!solid) clipped.push(material);
    const tube = s.kind === 'tube' ? s : nerveTube(s);
    let mesh: Mesh | null = null;
    if (tube) mesh = new Mesh(new TubeGeometry(polyline(tube.path_mm), 16 * Math.max(1, tube.path_mm.length - 1), tube.diameter_mm / 2, 16, false), material);
    else if (s.kind === 'sphere' || s.kind === 'ellipsoid') {
      mesh = new Mesh(new SphereGeometry(1, 32, 24), material);
      const r = s.kind === 'sphere' ? [s.diameter_mm / 2, s.diameter_mm / 2, s.diameter_mm / 2] : s.semi_axes_mm;
      mesh.scale.set(r[0], r[1], r[2]);
      mesh.position.set(...s.center_mm);
    } else if (s.kind === 'box') {
      mesh = new Mesh(new BoxGeometry(s.max_mm[0] - s.min_mm[0], s.max_mm[1] - s.min_mm[1], s.max_mm[2] - s.min_mm[2]), material);
      mesh.position.set((s.min_mm[0] + s.max_mm[0]) / 2, (s.min_mm[1] + s.max_mm[1]) / 2, (s.min_mm[2] + s.max_mm[2]) / 2);
    } else if (s.kind === 'cylinder') {
      mesh = rod(s.start_mm, s.end_mm, s.diameter_mm, style.color);
      mesh.material = material;
    }
    // A labelled structure that is not a nerve has no shape here (the image stays on the command line's side).
    if (!mesh) continue;
    mesh.name = `${style.label}: ${s.name}`;
    // Drawn after the ice surfaces (translucent over translucent).
    if (!solid) mesh.renderOrder = 10;
    world.add(mesh);
  }
  for (const p of scene.probes) {
    if (p.kind === 'needle') {
      const u = p.direction;
      const back = (t: number): Vec3 => [p.tip_mm[0] - u[0] * t, p.tip_mm[1] - u[1] * t, p.tip_mm[2] - u[2] * t];
      world.add(rod(p.tip_mm, back(p.active_length_mm), p.diameter_mm, probeStyle(p).color));
      // The shaft up to the skin (z = 0) or, for a needle lying along the skin, a short stub.
      const toSkin = u[2] > 1e-3 ? (p.tip_mm[2] - 0) / u[2] : p.active_length_mm * 2;
      if (toSkin > p.active_length_mm) world.add(rod(back(p.active_length_mm), back(toSkin), p.diameter_mm * 0.98, '#8a939e'));
    } else {
      const disc = rod([p.center_mm[0], p.center_mm[1], -1], [p.center_mm[0], p.center_mm[1], 0], p.diameter_mm, '#2f6fb3');
      world.add(disc);
    }
  }

  const surfaces = new Map<number, MarchingCubes>();
  const counts: Record<number, number> = {};
  if (lattice) {
    const n = lattice.n;
    const field = new Float32Array(n * n * n);
    for (let i = 0; i < field.length; i++) field[i] = -lattice.centi_c[i] / 100;
    // Coldest first, so that the translucent warmer shells are drawn over the colder ones.
    const order = [...input.isotherms].sort((a, b) => a.threshold_c - b.threshold_c);
    order.forEach((iso, rank) => {
      const material = new MeshPhongMaterial({
        color: iso.color,
        transparent: true,
        opacity: OPACITY[order.length - 1 - rank] ?? 0.5,
        side: DoubleSide,
        depthWrite: rank === 0,
        clippingPlanes: clip,
        shininess: 40,
      });
      clipped.push(material);
      const mc = new MarchingCubes(n, material, false, false, MAX_POLYS);
      // Our field (not the metaball one it was made with): minus the temperature, so that inside (colder) is higher and normals point out.
      mc.field = field;
      mc.isolation = -iso.threshold_c;
      mc.update();
      counts[iso.threshold_c] = mc.count / 3;
      // Lattice point i lies at lo + (hi - lo) i / (n - 1); marching cubes puts it at -1 + 2 i / n.
      const s = lattice.hi_mm.map((h, a) => ((h - lattice.lo_mm[a]) * n) / (2 * (n - 1)));
      mc.scale.set(s[0], s[1], s[2]);
      mc.position.set(lattice.lo_mm[0] + s[0], lattice.lo_mm[1] + s[1], lattice.lo_mm[2] + s[2]);
      mc.renderOrder = rank + 1;
      mc.name = `${iso.threshold_c} °C`;
      world.add(mc);
      surfaces.set(iso.threshold_c, mc);
    });
  }

  // Frame the ice ball and the probes' active segments.
  const lo = new Vector3(Infinity, Infinity, Infinity);
  const hi = new Vector3(-Infinity, -Infinity, -Infinity);
  const grow = (p: Vec3) => {
    const v = toThree(p);
    lo.min(v);
    hi.max(v);
  };
  if (lattice) {
    grow(lattice.lo_mm);
    grow(lattice.hi_mm);
  }
  for (const p of scene.probes) {
    if (p.kind === 'needle') {
      grow(p.tip_mm);
      grow([
        p.tip_mm[0] - p.direction[0] * p.active_length_mm,
        p.tip_mm[1] - p.direction[1] * p.active_length_mm,
        p.tip_mm[2] - p.direction[2] * p.active_length_mm,
      ]);
    } else grow([p.center_mm[0], p.center_mm[1], 0]);
  }
  if (!Number.isFinite(lo.x)) {
    grow([d.x_mm[0], d.y_mm[0], 0]);
    grow([d.x_mm[1], d.y_mm[1], d.depth_mm]);
  }
  const target = lo.clone().add(hi).multiplyScalar(0.5);
  const radius = Math.max(8, lo.distanceTo(hi) / 2);

  const camera = new PerspectiveCamera(35, 1, 0.1, 5000);
  const controls = new OrbitControls(camera, canvas);
  controls.enableDamping = false;
  const home = () => {
    controls.target.copy(target);
    // From above the skin, in front and to the side: depth reads as down.
    camera.position.copy(target.clone().add(new Vector3(1.2, 0.9, 1.6).normalize().multiplyScalar(radius * 3.6)));
    camera.near = radius / 50;
    camera.far = radius * 100;
    camera.updateProjectionMatrix();
    controls.update();
  };

  let frame = 0;
  const render = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      renderer.render(three, camera);
      placeCues();
    });
  };
  /** The triad turned as the camera is, and a scale bar of about 60 to 150 px at the orbit's centre. */
  const placeCues = () => {
    const view = camera.matrixWorldInverse;
    for (const e of ends) {
      const v = AXES_THREE[e.a].clone().multiplyScalar(e.sign).transformDirection(view);
      // An axis pointing at the viewer or away from it is short; its words stay readable.
      const x = v.x * 34;
      const y = -v.y * 34;
      e.line.setAttribute('x2', x.toFixed(1));
      e.line.setAttribute('y2', y.toFixed(1));
      e.label.setAttribute('x', (v.x * 44).toFixed(1));
      e.label.setAttribute('y', (-v.y * 44 + 4).toFixed(1));
      e.label.setAttribute('text-anchor', v.x > 0.3 ? 'start' : v.x < -0.3 ? 'end' : 'middle');
    }
    const h = canvas.clientHeight || 420;
    const dist = camera.position.distanceTo(controls.target);
    const pxPerMm = h / (2 * dist * Math.tan((camera.fov * Math.PI) / 360));
    const mm = niceLength(150 / pxPerMm);
    scaleBar.style.width = `${(mm * pxPerMm).toFixed(1)}px`;
    scaleText.textContent = `${mm} mm`;
  };
  const resize = () => {
    const w = canvas.clientWidth || 640;
    const h = canvas.clientHeight || 420;
    renderer.setSize(w, h, false);
    camera.aspect = w / h;
    camera.updateProjectionMatrix();
    render();
  };
  const observer = new ResizeObserver(resize);
  observer.observe(canvas);
  controls.addEventListener('change', render);
  home();
  resize();
  renderer.render(three, camera);
  placeCues();

  return {
    setVisible(t, on) {
      const mc = surfaces.get(t);
      if (mc) mc.visible = on;
      render();
    },
    setCut(cut) {
      const before = clip.length;
      clip.length = 0;
      // Keep what lies on the near side of the plane (case coordinate ≤ at_mm).
      if (cut) clip.push(new Plane(AXES_THREE[cut.axis].clone().negate(), cut.at_mm));
      if (clip.length !== before) for (const m of clipped) m.needsUpdate = true;
      render();
    },
    orbit(dAz, dEl) {
      const offset = camera.position.clone().sub(controls.target);
      const sph = new Spherical().setFromVector3(offset);
      sph.theta += (dAz * Math.PI) / 180;
      sph.phi = Math.min(Math.PI - 0.05, Math.max(0.05, sph.phi - (dEl * Math.PI) / 180));
      camera.position.copy(controls.target.clone().add(new Vector3().setFromSpherical(sph)));
      controls.update();
      render();
    },
    zoom(f) {
      const offset = camera.position.clone().sub(controls.target).multiplyScalar(f);
      camera.position.copy(controls.target.clone().add(offset));
      controls.update();
      render();
    },
    reset() {
      home();
      render();
    },
    triangles: () => ({ ...counts }),
    dispose() {
      cancelAnimationFrame(frame);
      observer.disconnect();
      controls.dispose();
      three.traverse((o) => {
        const m = o as Mesh;
        m.geometry?.dispose();
        const mat = m.material;
        if (Array.isArray(mat)) for (const x of mat) x.dispose();
        else mat?.dispose();
      });
      renderer.dispose();
      overlay.remove();
    },
  };
}
