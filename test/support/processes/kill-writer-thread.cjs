/**
 * `node -r …/kill-writer-thread.cjs`: a real API process whose event-store writer thread (D66) — or, with
 * KILL_THREAD=subscribers, its subscriber thread — can be killed from outside without killing the process. SIGWINCH (a signal Nest's shutdown hooks do not take, as they take SIGUSR2) terminates the thread as a crash would end it
 * (mid-batch or idle, whatever it is doing); the process itself lives on. Nothing in the application
 * knows of this: the preload only keeps a handle on each writer thread as it is started.
 */
const threads = require('node:worker_threads');

const ENTRY = process.env.KILL_THREAD === 'subscribers' ? 'subscriber-thread.main' : 'store-writer.main';

if (threads.isMainThread) {
  const writers = [];
  const Worker = threads.Worker;
  threads.Worker = class extends Worker {
    constructor(filename, options) {
      super(filename, options);
      if (String(filename).includes(ENTRY)) writers.push(this);
    }
  };
  process.on('SIGWINCH', () => {
    for (const w of writers) void w.terminate();
    process.stderr.write(`kill-writer-thread: terminated ${writers.length} ${ENTRY} thread(s)\n`);
  });
}
