// A raw HTTP/1.1 client over a TCP socket for hostile uploads (nock does not see `net`, so nothing buffers
// the body on the client side): streams a body chunk by chunk and stops as soon as the server answers or
// drops the connection, reporting how much it managed to send.
import { connect } from "node:net";

export interface UploadResult {
  status: number | null;
  sentBytes: number;
  body: string;
}

export function upload(
  url: string,
  headers: Record<string, string>,
  totalBytes: number,
  chunk: Buffer = Buffer.alloc(1024 * 1024, 0x61),
): Promise<UploadResult> {
  const target = new URL(url);
  const chunked = headers["transfer-encoding"] === "chunked";
  return new Promise((resolve) => {
    let sentBytes = 0;
    let response = "";
    let settled = false;
    const socket = connect(Number(target.port), target.hostname);
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(response)?.[1];
      resolve({
        status: status === undefined ? null : Number(status),
        sentBytes,
        body: response.split("\r\n\r\n").slice(1).join("\r\n\r\n"),
      });
    };
    socket.setEncoding("utf8");
    socket.on("data", (text: string) => {
      response += text;
      // Our server always closes after a refusal; a complete small answer is enough to stop sending.
      if (/\r\n\r\n[\s\S]*\}/.test(response)) setTimeout(finish, 20);
    });
    socket.on("error", finish);
    socket.on("close", finish);
    const head = Object.entries({ host: target.host, ...headers })
      .map(([k, v]) => `${k}: ${v}`)
      .join("\r\n");
    socket.write(`POST ${target.pathname} HTTP/1.1\r\n${head}\r\n\r\n`);
    const pump = () => {
      while (sentBytes < totalBytes && response === "" && !socket.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - sentBytes));
        sentBytes += piece.length;
        const framed = chunked ? [`${piece.length.toString(16)}\r\n`, piece, "\r\n"] : [piece];
        let ok = true;
        for (const part of framed) ok = socket.write(part) && ok;
        if (!ok) return void socket.once("drain", pump);
      }
      if (sentBytes >= totalBytes && !socket.destroyed) socket.write(chunked ? "0\r\n\r\n" : "");
    };
    socket.on("connect", pump);
  });
}
