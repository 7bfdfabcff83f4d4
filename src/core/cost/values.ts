/** Typed reads of a resource's attribute values from a plan (`before`/`after` and `after_unknown`). */
export class Values {
  constructor(
    private readonly values: unknown,
    private readonly unknownMarks: unknown = undefined,
  ) {}

  /** A nested reader for the first block of a list attribute (`root_block_device`). */
  block(name: string): Values {
    const list = this.raw(name);
    const marks = this.mark(name);
    return new Values(Array.isArray(list) ? list[0] : list, Array.isArray(marks) ? marks[0] : marks);
  }

  str(name: string): string | undefined {
    const value = this.raw(name);
    return typeof value === "string" && value !== "" ? value : undefined;
  }

  num(name: string): number | undefined {
    const value = this.raw(name);
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && /^\d+(\.\d+)?$/.test(value)) return Number(value);
    return undefined;
  }

  bool(name: string): boolean | undefined {
    const value = this.raw(name);
    return typeof value === "boolean" ? value : undefined;
  }

  list(name: string): unknown[] {
    const value = this.raw(name);
    return Array.isArray(value) ? value : [];
  }

  /** True when Terraform will only know the value after apply. */
  unknown(name: string): boolean {
    const mark = this.mark(name);
    return mark === true || (Array.isArray(mark) && mark.some((m) => m === true));
  }

  private raw(name: string): unknown {
    return isRecord(this.values) ? this.values[name] : undefined;
  }

  private mark(name: string): unknown {
    return isRecord(this.unknownMarks) ? this.unknownMarks[name] : undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
