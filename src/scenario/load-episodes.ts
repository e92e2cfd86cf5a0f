/**
 * Loading the record file: read, validate against the format, check what refers to what (a
 * criterion's series, a point's baseline), and resolve each episode into the plain form the
 * backtest scores. Every problem is located (FILE:LINE:COL path: message); expected failures are
 * values, as for scenarios.
 */
import type { FileSource } from "./file-source.js";
import { episodesSchema, type CriterionInput, type MonthWindow, type SeriesMeasure } from "./episode-schema.js";
import type { Position } from "./position-map.js";
import { sortIssues, type FieldPath, type ScenarioIssue } from "./scenario-issue.js";
import { parseSourceDocument } from "./source-document.js";
import { translateZodIssues } from "./zod-issues.js";

/** A model series of an episode: a measure summed over countries and commodities, per month. */
export interface EpisodeSeries {
  readonly name: string;
  readonly label: string;
  readonly measure: SeriesMeasure;
  /** Country ids summed; undefined: every country but `except`. */
  readonly countries: readonly string[] | undefined;
  readonly except: readonly string[];
  readonly commodities: readonly string[];
  /** A change against the same month a year before, or against a span's average month; undefined for a share. */
  readonly baseline: "year-before" | MonthWindow | undefined;
  /** A share: over this measure of the same commodities in every country. */
  readonly per: SeriesMeasure | undefined;
  /** Where the series is written, for messages about it. */
  readonly path: FieldPath;
}

/** One published figure on the episode's chart, as a change against the record's baseline. */
export interface RecordPoint {
  readonly month: number;
  readonly change: number;
  /** The figure as published (undefined when a change was published). */
  readonly value: number | undefined;
  readonly source: string;
}

/** A criterion, its series by index. */
export type EpisodeCriterion = CriterionInput & { readonly seriesIndex: number; readonly path: FieldPath };

/** One recorded episode, resolved. */
export interface Episode {
  readonly id: string;
  readonly title: string;
  /** `chokepoint:NAME` or a path relative to the record file. */
  readonly scenario: string;
  readonly sets: readonly string[];
  readonly marks: readonly { readonly epochDay: number; readonly label: string }[];
  /** The first is charted, with the record's points. */
  readonly series: readonly EpisodeSeries[];
  readonly record: { readonly unit: string; readonly baselineValue: number | undefined; readonly baselineSource: string | undefined; readonly points: readonly RecordPoint[] };
  readonly criteria: readonly EpisodeCriterion[];
}

/** A loaded record file. */
export interface EpisodeFile {
  readonly file: string;
  readonly episodes: readonly Episode[];
  /** Where the field at `path` is written (the nearest enclosing field when it is not). */
  locate(path: FieldPath): Position;
}

/** The outcome of loading a record file. */
export type EpisodesResult = { readonly ok: true; readonly value: EpisodeFile } | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/** Reads, validates and resolves the record file at `file`. Never throws for bad input. */
export function parseEpisodes(file: string, source: FileSource): EpisodesResult {
  const read = source.read(file);
  if (!read.ok) return { ok: false, issues: [{ code: "unreadable", file, path: [], line: 1, column: 1, message: `cannot read ${file}: ${read.reason}` }] };
  const parsed = parseSourceDocument(file, read.bytes);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const positions = parsed.positions;
  const locate = (path: FieldPath): Position => positions.find(path) ?? { file, line: 1, column: 1 };
  const issue = (path: FieldPath, code: string, message: string, atKey = false): ScenarioIssue => ({ code, path, message, ...(positions.find(path, atKey) ?? { file, line: 1, column: 1 }) });

  const checked = episodesSchema.safeParse(parsed.value, { reportInput: true });
  if (!checked.success) {
    return { ok: false, issues: sortIssues(translateZodIssues(episodesSchema, checked.error.issues).map((i) => issue(i.path, i.code, i.message, i.atKey))) };
  }
  const issues: ScenarioIssue[] = [];
  const episodes = Object.entries(checked.data.episodes).map(([id, input]): Episode => {
    const at: FieldPath = ["episodes", id];
    const series = Object.entries(input.series).map(([name, s]): EpisodeSeries => ({
      name,
      label: s.label,
      measure: s.measure,
      countries: s.countries,
      except: s.except ?? [],
      commodities: s.commodities,
      baseline: s.baseline,
      per: s.per,
      path: [...at, "series", name],
    }));
    const criteria = input.criteria.map((c, i): EpisodeCriterion => {
      const path = [...at, "criteria", i];
      const seriesIndex = c.series === undefined ? 0 : series.findIndex((s) => s.name === c.series);
      if (seriesIndex < 0) issues.push(issue([...path, "series"], "unknown-series", `"${c.series}" is not a series of this episode; it has ${series.map((s) => s.name).join(", ")}`));
      if (c.kind === "trough-depth" || c.kind === "level" || c.kind === "peak-year" || c.kind === "rise-per-year") {
        if ((c.tolerance === undefined) === (c.range === undefined)) issues.push(issue(path, "tolerance", "give a tolerance or a range, one of the two"));
        if (c.range !== undefined && c.range[1] < c.range[0]) issues.push(issue([...path, "range"], "tolerance", "the range's low end is above its high end"));
      }
      if (c.kind === "level" && c.baseline !== undefined && series[Math.max(0, seriesIndex)].baseline === undefined) {
        issues.push(issue([...path, "baseline"], "baseline", "the series is a share, so it has no baseline to change"));
      }
      return { ...c, seriesIndex: Math.max(0, seriesIndex), path };
    });
    const baselineValue = input.record.baseline?.value;
    const points = input.record.points.map((p, i): RecordPoint => {
      if (p.value !== undefined && baselineValue === undefined) issues.push(issue([...at, "record", "points", i, "value"], "no-baseline", "a value needs the record's baseline (record.baseline) to be set against; or give the published change"));
      const change = p.change ?? (p.value ?? 0) / (baselineValue ?? 1) - 1;
      return { month: p.month, change, value: p.value, source: p.source };
    });
    return {
      id,
      title: input.title,
      scenario: input.scenario,
      sets: input.set ?? [],
      marks: (input.marks ?? []).map((m) => ({ epochDay: m.date, label: m.label })),
      series,
      record: { unit: input.record.unit, baselineValue, baselineSource: input.record.baseline?.source, points },
      criteria,
    };
  });
  if (issues.length > 0) return { ok: false, issues: sortIssues(issues) };
  return { ok: true, value: { file, episodes, locate } };
}
