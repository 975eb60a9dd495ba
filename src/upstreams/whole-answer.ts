import type { Dispatcher } from 'undici';
import { DeadlineEnded, type Ends } from './deadline.js';

/** One answer as the gateway reads every upstream's: its status, its headers and its body as text. */
export interface WholeAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** An answer larger than it may be (`maxBytes`): the attempt is given up, its connection closed. */
export class AnswerTooLarge extends Error {
  constructor(
    readonly status: number,
    readonly limit: number,
  ) {
    super(`the answer is larger than ${limit} bytes`);
  }
}

/**
 * Sends one request and reads its answer whole, through undici's dispatch API. `pool.request`
 * builds per request what a caller reading a stream needs (an async resource, a response stream
 * and its events, a listener on an AbortSignal); every upstream answer here is read whole before
 * it is parsed, so none of it is built: the chunks are kept and decoded once, as undici's
 * `body.text()` decodes them (UTF-8, a byte-order mark dropped).
 *
 * `deadline` ends the request wherever it is (waiting for a connection, sending, reading): the
 * promise rejects at once (DeadlineEnded), and undici drops the request or closes its connection.
 * An answer that says or proves itself longer than `maxBytes` is given up the same way
 * (AnswerTooLarge), before the rest of it is read into memory.
 */
export function sendAndReadWhole(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, deadline: Ends, maxBytes: number): Promise<WholeAnswer> {
  if (deadline.ended) return Promise.reject(new DeadlineEnded());
  return new Promise<WholeAnswer>((resolve, reject) => {
    const reader = new WholeAnswerReader(resolve, reject, maxBytes);
    reader.stopWatching = deadline.onEnd(() => reader.abort(new DeadlineEnded()));
    dispatcher.dispatch(options, reader);
  });
}

class WholeAnswerReader implements Dispatcher.DispatchHandler {
  stopWatching: () => void = () => undefined;
  private controller: Dispatcher.DispatchController | undefined;
  private abortedWith: Error | undefined;
  private settled = false;
  private status = 0;
  private headers: Record<string, string | string[] | undefined> = {};
  private readonly chunks: Buffer[] = [];
  private length = 0;

  constructor(
    private readonly resolve: (answer: WholeAnswer) => void,
    private readonly reject: (error: Error) => void,
    private readonly maxBytes: number,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Given up while it waited for a connection: it goes no further.
    if (this.abortedWith !== undefined) controller.abort(this.abortedWith);
    else this.controller = controller;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    // 1xx answers are interim: the final one follows.
    if (statusCode < 200) return;
    this.status = statusCode;
    this.headers = headers;
    if (Number(headers['content-length']) > this.maxBytes) this.abort(new AnswerTooLarge(statusCode, this.maxBytes));
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.length += chunk.length;
    if (this.length > this.maxBytes) this.abort(new AnswerTooLarge(this.status, this.maxBytes));
    else this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (!this.settle()) return;
    this.resolve({ status: this.status, headers: this.headers, text: decodeUtf8(this.chunks, this.length) });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.settle()) this.reject(error);
  }

  abort(reason: Error): void {
    if (!this.settle()) return;
    this.abortedWith = reason;
    this.controller?.abort(reason);
    this.reject(reason);
  }

  /** True the first time only: an answer, a failure or an abort settles it, whichever comes first. */
  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.stopWatching();
    return true;
  }
}

function decodeUtf8(chunks: readonly Buffer[], length: number): string {
  if (length === 0) return '';
  const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
  const start = buffer.length > 2 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  return buffer.toString('utf8', start);
}
