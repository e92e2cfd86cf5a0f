/**
 * replicates.parquet: what replicates.csv holds, as an Apache Parquet file (written by
 * hyparquet-writer), for readers that take columns without loading everything: DuckDB reads it
 * natively, pandas and R through Arrow, polars directly. One row per replicate, country and
 * commodity with demand (and, for a compare, per alternative, in a first `alternative` column),
 * under the CSV's column names: the KPIs at full double precision (the CSV rounds them to 6
 * decimals), dates as DATE (null for a date that never came), then the sampled inputs in the
 * unit a plain number means in the scenario (dates as DATE; null where an alternative lacks
 * the input, and for the date or other inputs of an event that did not happen in the replicate).
 *
 * Written one replicate at a time: rows gather in typed arrays until a row group holds about
 * ROW_GROUP_ROWS rows (whole replicates only), which is then encoded and handed back as bytes,
 * so memory stays flat however many replicates there are. The bytes depend only on the plan and
 * the outcomes in replicate order: no time, no host, no library version in the file.
 */
import { ByteWriter, ParquetWriter, type ColumnSource, type SchemaElement } from "hyparquet-writer";
import { epochDayFromIso, isDateKpi, KPI_NAMES } from "../model/index.js";
import { eventOccurrenceIndex, type ReplicateOutcome, type SweepPlan } from "../sweep/index.js";
import { inputColumns } from "./replicates-csv.js";

/** Whether each KPI (by its position among KPI_NAMES) is a date: a nullable DATE column. */
const KPI_IS_DATE = KPI_NAMES.map((name) => isDateKpi(name));

/** Rows a row group gathers before it is written (it closes at the end of the replicate that reaches this). */
export const ROW_GROUP_ROWS = 100_000;

/**
 * How the value columns (KPIs and inputs) are encoded; the key columns (alternative, replicate,
 * country, commodity) take the writer's defaults: a dictionary where it pays, and min/max
 * statistics per row group, which is what readers filter on. Doubles are written PLAIN: the
 * writer's trial of a dictionary on them (built over the whole row group, then mostly thrown
 * away: the files were within 0.1% of each other) took a fifth of a merge's encoding time. Value
 * columns carry no statistics: a row group of ~600 replicates spans nearly every KPI's range, so
 * they prune nothing, and they cost a tenth of the encoding. Snappy compresses every column.
 */
const VALUE_COLUMN_OPTIONS = {
  double: { encoding: "PLAIN", statistics: false },
  other: { statistics: false },
} as const satisfies Record<string, Partial<ColumnSource>>;

/** One column of the file: how its values are gathered and what it is in the schema. */
interface Column {
  readonly element: SchemaElement;
  /** Doubles (KPIs, numeric inputs) and whole numbers (replicate) in typed arrays; text and nullable dates in plain arrays. */
  values: Float64Array | Int32Array | (string | number | null)[];
}

const required = (name: string, type: "DOUBLE" | "INT32"): SchemaElement => ({ name, type, repetition_type: "REQUIRED" });
const text = (name: string): SchemaElement => ({ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" });
const date = (name: string): SchemaElement => ({ name, type: "INT32", converted_type: "DATE", repetition_type: "OPTIONAL" });

/**
 * Where each alternative finds an input column's value: its index in the alternative's inputs,
 * or -1; and the index of its event's yes/no input (-1: none), whose 0 makes the value null
 * (the date of an event that did not happen).
 */
interface InputColumn {
  readonly name: string;
  readonly isDate: boolean;
  readonly isNullable: boolean;
  readonly indexOf: readonly number[];
  readonly occurrenceOf: readonly number[];
}

function planInputs(plan: SweepPlan): InputColumn[] {
  const occurrences = plan.alternatives.map((a) => eventOccurrenceIndex(a.inputs));
  return inputColumns(plan).map((name) => {
    const indexOf = plan.alternatives.map((a) => a.inputs.indexOf(name));
    const occurrenceOf = indexOf.map((i, a) => (i < 0 ? -1 : occurrences[a][i]));
    return { name, isDate: plan.alternatives.some((a) => a.dateInputs.includes(name)), isNullable: indexOf.some((i) => i < 0) || occurrenceOf.some((j) => j >= 0), indexOf, occurrenceOf };
  });
}

/**
 * A sweep's replicates.parquet, streamed: `begin` gives the file's first bytes, `add` each
 * replicate's (empty until a row group is full), `end` the last row group and the footer.
 */
export class ReplicatesParquet {
  private readonly plan: SweepPlan;
  private readonly isCompare: boolean;
  private readonly startDay: number;
  private readonly inputs: readonly InputColumn[];
  private readonly rowsPerReplicate: number;
  /** The key columns that lead each row: alternative (a compare's), replicate, country, commodity. */
  private readonly keyColumns: number;
  private readonly capacity: number;
  private readonly writer = new ByteWriter(1 << 20);
  private readonly parquet: ParquetWriter;
  private readonly schema: SchemaElement[];
  private columns: Column[] = [];
  private rows = 0;

  constructor(plan: SweepPlan) {
    this.plan = plan;
    this.isCompare = plan.kind === "compare";
    this.startDay = epochDayFromIso(plan.start) as number;
    this.inputs = planInputs(plan);
    this.rowsPerReplicate = plan.alternatives.length * plan.series.length;
    this.keyColumns = (this.isCompare ? 1 : 0) + 3;
    this.capacity = Math.max(1, Math.ceil(ROW_GROUP_ROWS / Math.max(1, this.rowsPerReplicate))) * this.rowsPerReplicate;
    const leaves: SchemaElement[] = [
      ...(this.isCompare ? [text("alternative")] : []),
      required("replicate", "INT32"),
      text("country"),
      text("commodity"),
      ...KPI_NAMES.map((name) => (isDateKpi(name) ? date(name) : required(name, "DOUBLE"))),
      ...this.inputs.map(({ name, isDate, isNullable }): SchemaElement => (isDate ? date(name) : isNullable ? { name, type: "DOUBLE", repetition_type: "OPTIONAL" } : required(name, "DOUBLE"))),
    ];
    this.schema = [{ name: "schema", num_children: leaves.length }, ...leaves];
    // createdBy names the tool and its version only (the plan's, the same in every shard): no writer version, no time.
    this.parquet = new ParquetWriter({ writer: this.writer, schema: this.schema, codec: "SNAPPY", statistics: true, createdBy: `${plan.tool} version ${plan.version}` });
    this.openGroup();
  }

  /** The file's magic number, written when the writer was made. */
  begin(): Uint8Array {
    return this.drain();
  }

  /** Gathers one replicate's rows; the bytes of a row group when this replicate fills it, else none. */
  add(outcome: ReplicateOutcome): Uint8Array {
    const plan = this.plan;
    const kpiCount = KPI_NAMES.length;
    const lead = this.isCompare ? 1 : 0;
    const columns = this.columns;
    const series = plan.series;
    let row = this.rows;
    // Plain loops: this runs for every row of every replicate a merge writes.
    for (let a = 0; a < plan.alternatives.length; a++) {
      const alternative = plan.alternatives[a];
      const alt = outcome.alternatives[a];
      for (let s = 0; s < series.length; s++, row++) {
        if (this.isCompare) (columns[0].values as string[])[row] = alternative.name;
        (columns[lead].values as Int32Array)[row] = outcome.replicate;
        (columns[lead + 1].values as string[])[row] = series[s].country;
        (columns[lead + 2].values as string[])[row] = series[s].commodity;
        for (let k = 0; k < kpiCount; k++) {
          const value = alt.kpis[s * kpiCount + k];
          const values = columns[lead + 3 + k].values;
          if (KPI_IS_DATE[k]) (values as (number | null)[])[row] = Number.isNaN(value) ? null : this.startDay + value;
          else (values as Float64Array)[row] = value;
        }
        for (let i = 0; i < this.inputs.length; i++) {
          const input = this.inputs[i];
          const at = input.indexOf[a];
          const column = columns[lead + 3 + kpiCount + i];
          // A date input is drawn as a fractional epoch day; the CSV shows the day it falls on, and so does this file.
          const occurrence = input.occurrenceOf[a];
          const value = at < 0 || (occurrence >= 0 && alt.inputs[occurrence] === 0) ? null : input.isDate ? Math.floor(alt.inputs[at]) : alt.inputs[at] * alternative.inputScales[at];
          if (column.values instanceof Float64Array) column.values[row] = value as number;
          else column.values[row] = value;
        }
      }
    }
    this.rows = row;
    if (this.rows + this.rowsPerReplicate > this.capacity) this.writeGroup();
    return this.drain();
  }

  /** The last row group and the footer (the schema, the row groups' places and statistics). */
  end(): Uint8Array {
    if (this.rows > 0) this.writeGroup();
    this.parquet.finish();
    return this.drain();
  }

  private openGroup(): void {
    const size = this.capacity;
    this.columns = this.schema.slice(1).map((element) => ({
      element,
      values: element.repetition_type === "OPTIONAL" || element.type === "BYTE_ARRAY" ? new Array<string | number | null>(size) : element.type === "DOUBLE" ? new Float64Array(size) : new Int32Array(size),
    }));
    this.rows = 0;
  }

  private writeGroup(): void {
    const rows = this.rows;
    const columnData: ColumnSource[] = this.columns.map(({ element, values }, i) => ({
      name: element.name,
      data: Array.isArray(values) ? values.slice(0, rows) : values.subarray(0, rows),
      ...(i < this.keyColumns ? {} : VALUE_COLUMN_OPTIONS[element.type === "DOUBLE" ? "double" : "other"]),
    }));
    void this.parquet.write({ columnData, rowGroupSize: rows });
    this.openGroup();
  }

  /** The bytes encoded since the last call, copied out of the writer's buffer, which is then reused. */
  private drain(): Uint8Array {
    const bytes = this.writer.getBytes().slice();
    this.writer.index = 0;
    return bytes;
  }
}
