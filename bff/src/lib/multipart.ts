import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { AppError } from './app-error';

export interface OneFileLimits {
  maxBytes: number;
  /** Shown when the file is larger than maxBytes: says what to do instead. */
  tooLargeMessage: string;
}

const CUT_OFF = () => new AppError('BAD_REQUEST', '照片没有完整上传，请检查网络后重试');

/** Form overhead beyond the file itself (boundaries, part headers, a few small fields). */
const FORM_SLACK_BYTES = 64 * 1024;

/**
 * Reads the one file of a multipart/form-data body (what Taro.uploadFile and wx.uploadFile
 * send), holding at most `maxBytes` of it in memory; other form fields are ignored. A body
 * declared far too large is refused before it is read.
 */
export function readOneFile(req: IncomingMessage, limits: OneFileLimits): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  // A client still sending many megabytes would hold the connection: answer now and close it.
  if (declared > limits.maxBytes + FORM_SLACK_BYTES)
    return Promise.reject(new AppError('PAYLOAD_TOO_LARGE', limits.tooLargeMessage, undefined, { Connection: 'close' }));
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // busboy counts reaching fileSize as over it: one byte more lets a file of exactly maxBytes through.
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: limits.maxBytes + 1, fields: 20, fieldSize: 4096, parts: 30 } });
    } catch {
      reject(new AppError('BAD_REQUEST', '请以表单（multipart/form-data）上传一张照片'));
      return;
    }
    const chunks: Buffer[] = [];
    let files = 0;
    let truncated = false;
    let extraFiles = false;
    let settled = false;
    const fail = (err: AppError) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      // Drain what is left so that the answer still reaches a client that is sending.
      req.resume();
      reject(err);
    };
    parser.on('file', (_field, stream) => {
      files += 1;
      stream.on('data', (chunk: Buffer) => {
        if (!truncated) chunks.push(chunk);
      });
      stream.on('limit', () => {
        truncated = true;
        chunks.length = 0;
      });
      // A form cut off mid-file errors the file stream as well as the parser.
      stream.on('error', () => fail(CUT_OFF()));
    });
    parser.on('filesLimit', () => {
      extraFiles = true;
    });
    parser.on('error', () => fail(CUT_OFF()));
    parser.on('close', () => {
      if (settled) return;
      if (truncated) return fail(new AppError('PAYLOAD_TOO_LARGE', limits.tooLargeMessage));
      if (extraFiles) return fail(new AppError('BAD_REQUEST', '一次只能上传一张照片，请逐张添加'));
      const bytes = Buffer.concat(chunks);
      if (files === 0 || bytes.length === 0) return fail(new AppError('BAD_REQUEST', '没有收到照片，请重新选择照片后上传'));
      settled = true;
      resolve(bytes);
    });
    req.once('aborted', () => fail(CUT_OFF()));
    req.pipe(parser);
  });
}
