import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { parse, stringify } from 'yaml';

/** A JSON Schema node as caseJsonSchema() writes them (draft 7, no $ref). */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode | SchemaNode[];
  minItems?: number;
  maxItems?: number;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

export interface Issue {
  path: string;
  message: string;
}

type Path = (string | number)[];
type OnChange = (path: Path, value: unknown) => void;

/** probes[0].tip_mm, as the CLI writes paths. */
export function pathText(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** The unit a field's name ends with, as the case files spell them. */
export function unitOf(name: string): string {
  const units: [RegExp, string][] = [
    [/_mm$/, 'mm'],
    [/_s$/, 's'],
    [/_c$/, '°C'],
    [/_deg$/, '°'],
    [/_w_m2k$/, 'W/(m²·K)'],
    [/_w$/, 'W'],
    [/_ml$/, 'ml'],
    [/_days$/, 'days'],
    [/_kg_m3$/, 'kg/m³'],
    [/_w_mk$/, 'W/(m·K)'],
    [/_j_kgk$/, 'J/(kg·K)'],
    [/_j_kg$/, 'J/kg'],
    [/_ml_100g_min$/, 'ml/(100 g·min)'],
  ];
  return units.find(([re]) => re.test(name))?.[1] ?? '';
}

const label = (name: string) => name.replace(/_(mm|s|c|deg|w_m2k|w|ml|days)$/, '').replace(/_/g, ' ');

/** The branch of a union that the value is in: by a `kind` constant, then by its required fields, then by type. */
function branch(options: SchemaNode[], value: unknown): SchemaNode | undefined {
  const fits = (o: SchemaNode) => {
    if (o.const !== undefined) return value === o.const;
    if (o.type === 'array') return Array.isArray(value);
    if (o.type === 'object' || o.properties) {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
      const v = value as Record<string, unknown>;
      const kind = o.properties?.kind?.const;
      if (kind !== undefined) return v.kind === kind;
      return (o.required ?? []).every((k) => k in v) && Object.keys(v).every((k) => o.properties && k in o.properties);
    }
    if (o.type === 'number' || o.type === 'integer') return typeof value === 'number';
    if (o.type === 'string') return typeof value === 'string';
    if (o.type === 'boolean') return typeof value === 'boolean';
    return false;
  };
  return options.find(fits);
}

function issuesAt(issues: Issue[], path: Path): Issue[] {
  const p = pathText(path);
  return issues.filter((i) => i.path === p);
}

function Help({ text, on }: { text?: string; on: boolean }) {
  return on && text ? <small class="help">{text}</small> : null;
}

function Problems({ list, id }: { list: Issue[]; id: string }) {
  if (!list.length) return null;
  return (
    <ul class="field-issues" id={id} role="alert">
      {list.map((i) => (
        <li key={i.message}>{i.message}</li>
      ))}
    </ul>
  );
}

/** A field the form has no widget for (a union switched to another branch, a curve): edited as YAML. */
function YamlField({ path, value, onChange, issues }: { path: Path; value: unknown; onChange: OnChange; issues: Issue[] }) {
  const [text, setText] = useState<string | null>(null);
  const [bad, setBad] = useState('');
  const id = `f-${pathText(path)}`;
  // Not set: empty (the default applies), not the word null.
  const shown = value === undefined ? '' : stringify(value).trimEnd();
  return (
    <span class="yaml-field">
      <textarea
        id={id}
        rows={Math.max(1, Math.min(6, (text ?? shown).split('\n').length))}
        value={text ?? shown}
        placeholder={value === undefined ? '(default)' : undefined}
        aria-invalid={issues.length > 0 || bad !== ''}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        onBlur={() => {
          if (text === null) return;
          try {
            onChange(path, text.trim() === '' ? undefined : parse(text));
            setBad('');
            setText(null);
          } catch (e) {
            setBad(`YAML: ${(e as Error).message.split('\n')[0]}`);
          }
        }}
      />
      {bad && <span class="field-issues">{bad}</span>}
    </span>
  );
}

function NumberInput({
  path,
  value,
  onChange,
  invalid,
  describedBy,
  name,
}: {
  path: Path;
  value: unknown;
  onChange: OnChange;
  invalid: boolean;
  describedBy?: string;
  name: string;
}) {
  return (
    <input
      type="number"
      step="any"
      id={`f-${pathText(path)}`}
      aria-label={name}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      value={typeof value === 'number' ? value : ''}
      onChange={(e) => {
        const t = (e.target as HTMLInputElement).value;
        // An emptied box is sent as the text it holds, so the case's own check names the field.
        onChange(path, t === '' ? undefined : Number.isFinite(Number(t)) ? Number(t) : t);
      }}
    />
  );
}

/** One field of the case, drawn from its schema. */
export function Field(props: {
  schema: SchemaNode;
  name: string;
  path: Path;
  value: unknown;
  onChange: OnChange;
  issues: Issue[];
  depth?: number;
  /** Show every field the schema has (not only those the case sets), each with its description: the plan's form, where every field has a default. */
  all?: boolean;
}): JSX.Element {
  const { schema, name, path, value, onChange, issues } = props;
  const all = props.all ?? false;
  const depth = props.depth ?? 0;
  const mine = issuesAt(issues, path);
  const errId = mine.length ? `e-${pathText(path)}` : undefined;
  const unit = unitOf(name);
  const help = schema.description;
  const union = schema.anyOf ?? schema.oneOf;
  const head = (
    <span class="field-name" title={help}>
      {label(name)}
      {unit && <span class="unit"> ({unit})</span>}
    </span>
  );

  if (union) {
    const b = value === undefined ? undefined : branch(union, value);
    if (b) return <Field {...props} schema={{ ...b, description: b.description ?? help }} />;
    // Not set (or not one of the forms): typed as YAML, e.g. {min: 30, max: 240} or [60, 90].
    return (
      <div class="field">
        <label for={`f-${pathText(path)}`}>{head}</label>
        <YamlField path={path} value={value} onChange={onChange} issues={mine} />
        <Help text={help} on={all} />
        <Problems list={mine} id={errId ?? ''} />
      </div>
    );
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (schema.enum || (type === 'string' && schema.const === undefined)) {
    const input = schema.enum ? (
      <select
        id={`f-${pathText(path)}`}
        aria-invalid={mine.length > 0}
        aria-describedby={errId}
        value={String(value ?? '')}
        onChange={(e) => onChange(path, (e.target as HTMLSelectElement).value || undefined)}
      >
        <option value="">(default)</option>
        {schema.enum.map((v) => (
          <option key={String(v)} value={String(v)}>
            {String(v)}
          </option>
        ))}
      </select>
    ) : (
      <input
        id={`f-${pathText(path)}`}
        aria-invalid={mine.length > 0}
        aria-describedby={errId}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(path, (e.target as HTMLInputElement).value || undefined)}
      />
    );
    return (
      <div class="field">
        <label for={`f-${pathText(path)}`}>{head}</label>
        {input}
        <Help text={help} on={all} />
        <Problems list={mine} id={errId ?? ''} />
      </div>
    );
  }
  if (schema.const !== undefined) return null as unknown as JSX.Element;
  if (type === 'number' || type === 'integer') {
    return (
      <div class="field">
        <label for={`f-${pathText(path)}`}>{head}</label>
        <NumberInput path={path} value={value} onChange={onChange} invalid={mine.length > 0} describedBy={errId} name={name} />
        <Help text={help} on={all} />
        <Problems list={mine} id={errId ?? ''} />
      </div>
    );
  }
  if (type === 'boolean') {
    return (
      <div class="field">
        <label>
          <input type="checkbox" checked={value === true} onChange={(e) => onChange(path, (e.target as HTMLInputElement).checked)} /> {head}
        </label>
        <Help text={help} on={all} />
        <Problems list={mine} id={errId ?? ''} />
      </div>
    );
  }
  if (type === 'array' && Array.isArray(schema.items)) {
    // A tuple such as [x, y, z]: one small box each.
    const arr = Array.isArray(value) ? value : [];
    const axes = schema.items.length === 3 ? ['x', 'y', 'z'] : schema.items.length === 2 ? ['from', 'to'] : [];
    return (
      <div class="field">
        <span class="field-name-wrap">{head}</span>
        <span class="tuple">
          {schema.items.map((_, i) => (
            <NumberInput
              key={i}
              path={[...path, i]}
              name={`${label(name)} ${axes[i] ?? i + 1}`}
              value={arr[i]}
              invalid={mine.length > 0 || issuesAt(issues, [...path, i]).length > 0}
              describedBy={errId}
              onChange={(p, v) => {
                const next = [...arr];
                next[p[p.length - 1] as number] = v;
                onChange(path, next);
              }}
            />
          ))}
        </span>
        <Help text={help} on={all} />
        <Problems list={mine} id={errId ?? ''} />
      </div>
    );
  }
  if (type === 'array' && schema.items && !Array.isArray(schema.items)) {
    const arr = Array.isArray(value) ? value : [];
    const item = schema.items;
    const itemType = Array.isArray(item.type) ? item.type[0] : item.type;
    const simple =
      itemType === 'number' || itemType === 'integer' || itemType === 'boolean' || itemType === 'string' || (itemType === 'array' && !item.properties);
    // A list of values, or (in the plan's form) a list not set yet: typed as YAML, e.g. [1, 2].
    if (simple || (all && !arr.length)) {
      return (
        <div class="field">
          <label for={`f-${pathText(path)}`}>{head}</label>
          <YamlField path={path} value={value} onChange={onChange} issues={mine} />
          <Help text={help} on={all} />
          <Problems list={mine} id={errId ?? ''} />
        </div>
      );
    }
    return (
      <fieldset class={`group depth-${depth}`}>
        <legend title={help}>{label(name)}</legend>
        <Problems list={mine} id={errId ?? ''} />
        {arr.map((v, i) => (
          <Field
            key={i}
            schema={item}
            name={`${label(name)} ${i + 1}${v && typeof v === 'object' && 'name' in v ? `: ${(v as { name: string }).name}` : ''}`}
            path={[...path, i]}
            value={v}
            onChange={onChange}
            issues={issues}
            depth={depth + 1}
            all={all}
          />
        ))}
      </fieldset>
    );
  }
  if (type === 'object' || schema.properties) {
    const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    return (
      <fieldset class={`group depth-${depth}`}>
        <legend title={help}>{name}</legend>
        <Help text={help} on={all} />
        <Problems list={mine} id={errId ?? ''} />
        {Object.entries(schema.properties ?? {}).map(([k, s]) =>
          // Only what the case has, plus what the schema requires: the rest would crowd the form.
          all || k in obj || (schema.required ?? []).includes(k) ? (
            <Field key={k} schema={s} name={k} path={[...path, k]} value={obj[k]} onChange={onChange} issues={issues} depth={depth + 1} all={all} />
          ) : null,
        )}
      </fieldset>
    );
  }
  return (
    <div class="field">
      <label for={`f-${pathText(path)}`}>{head}</label>
      <YamlField path={path} value={value} onChange={onChange} issues={mine} />
      <Help text={help} on={all} />
      <Problems list={mine} id={errId ?? ''} />
    </div>
  );
}

/** Sets a value at a path in a copy of the object (undefined removes it). */
export function setAt(obj: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  const base = (Array.isArray(obj) ? [...obj] : { ...(obj as Record<string, unknown>) }) as Record<string | number, unknown>;
  const next = setAt(base[head], rest, value);
  if (next === undefined && !Array.isArray(base)) delete base[head];
  else base[head] = next;
  return base;
}
