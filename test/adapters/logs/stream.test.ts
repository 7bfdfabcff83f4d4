import { describe, expect, it } from "@jest/globals";
import { excerptFromStream } from "../../../src/adapters/logs/index.js";

async function* chunks(parts: (string | Buffer)[]): AsyncGenerator<string | Buffer> {
  for (const part of parts) yield await Promise.resolve(part);
}

const LINE =
  "2024-05-01T12:00:00.1234567Z aws_s3_bucket.b: Refreshing state... [id=bucket-with-a-longish-name]\n";

/** Yields `total` bytes of a realistic log in 64 KiB chunks, with the failure at the very end. */
async function* bigLog(total: number): AsyncGenerator<Buffer> {
  yield Buffer.from(
    "2024-05-01T12:00:00.0000000Z ##[group]Run terraform plan\n2024-05-01T12:00:00.0000000Z ##[endgroup]\n",
  );
  const chunk = Buffer.from(LINE.repeat(Math.floor((64 * 1024) / LINE.length)));
  for (let sent = 0; sent < total; sent += chunk.length) yield await Promise.resolve(chunk);
  yield Buffer.from(
    "2024-05-01T12:00:00.0000000Z Error: Cycle: aws_security_group.a, aws_security_group.b\n" +
      "2024-05-01T12:00:00.0000000Z ##[error]Process completed with exit code 1.\n",
  );
}

describe("excerptFromStream", () => {
  it("joins lines split across chunks and multi-byte characters split across chunks", async () => {
    const text = Buffer.from("2024-05-01T12:00:00.1Z Error: bucket “logs” exists\nnext\n");
    const split = text.indexOf(Buffer.from("“")) + 1; // inside the 3-byte quote
    const excerpt = await excerptFromStream(
      chunks([text.subarray(0, 10), text.subarray(10, split), text.subarray(split)]),
    );
    expect(excerpt.lines).toEqual(["Error: bucket “logs” exists", "next"]);
    expect(excerpt.bytesRead).toBe(text.length);
  });

  it("accepts string chunks and a last line without a newline", async () => {
    const excerpt = await excerptFromStream(chunks(["Error: one\nErr", "or: two"]));
    expect(excerpt.lines).toEqual(["Error: one", "Error: two"]);
  });

  it("keeps only the start of a line that never ends", async () => {
    const huge = "Error: " + "y".repeat(200_000);
    const excerpt = await excerptFromStream(
      chunks([huge.slice(0, 100_000), huge.slice(100_000), "\nafter\n"]),
    );
    expect(excerpt.lines[0]?.length).toBeLessThan(1100);
    expect(excerpt.lines[0]?.startsWith("Error: yyy")).toBe(true);
    expect(excerpt.lines).toContain("after");
  });

  it("stops at maxReadBytes and says so", async () => {
    const excerpt = await excerptFromStream(chunks(["a\n".repeat(1000)]), { maxReadBytes: 100 });
    expect(excerpt.readCapped).toBe(true);
    expect(excerpt.bytesRead).toBe(100);
    expect(excerpt.totalLines).toBe(50);
  });

  it("rejects chunks that are not bytes or text", async () => {
    async function* bad(): AsyncGenerator<unknown> {
      yield await Promise.resolve({ not: "bytes" });
    }
    await expect(excerptFromStream(bad())).rejects.toThrow("log stream yielded a object chunk");
  });

  it("streams a 50 MB log into a bounded excerpt that holds the final error", async () => {
    const excerpt = await excerptFromStream(bigLog(50 * 1024 * 1024));
    expect(excerpt.bytesRead).toBeGreaterThan(50 * 1024 * 1024);
    expect(excerpt.totalLines).toBeGreaterThan(500_000);
    expect(Buffer.byteLength(excerpt.text)).toBeLessThanOrEqual(32 * 1024);
    expect(excerpt.lines.length).toBeLessThanOrEqual(200);
    expect(excerpt.failingStep).toBe("terraform plan");
    expect(excerpt.text).toContain("Error: Cycle: aws_security_group.a, aws_security_group.b");
  });
});
