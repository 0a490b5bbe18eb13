/**
 * Runs inside the console page (added as an init script before the app loads). It watches the DOM for the
 * traffic tokens `b<seq>.<emit epoch ms>` the scaled simulators put at the start of each message and stamps
 * each token once per place (list row, open transcript) when the frame that paints it is presented: a
 * MutationObserver sees the commit, and the stamp is the start time of the frame after the one that paints
 * the change (see `collect`). Latency = that stamp − the emit time, both on this machine's clock.
 *
 * It also records long tasks (PerformanceObserver 'longtask') and named phases, and drives the list scroll.
 * The benchmark script pulls its figures with `window.__bench.*`.
 */
export function installPageProbe() {
  const TOKEN = /b(\d+)\.(\d{13})(?!\d)/g;
  const seen = new Set();
  let maxSeq = 0;
  let samples = [];
  const from = { list: Infinity, transcript: Infinity };
  const longTasks = [];
  const phases = [];
  let firstRowAt = null;

  // Which task is running: a frame's animation-frame callbacks (where the console applies core events and
  // React commits), or some other task (a socket message, a scroll). Every rAF callback goes through this
  // wrapper, which numbers the frames; a message posted at the first callback of a frame marks its end.
  const rafNative = window.requestAnimationFrame.bind(window);
  let frame = 0;
  let inFrameTask = false;
  const frameTaskEnd = new MessageChannel();
  frameTaskEnd.port1.onmessage = () => {
    inFrameTask = false;
  };
  window.requestAnimationFrame = (callback) =>
    rafNative((time) => {
      if (!inFrameTask) {
        inFrameTask = true;
        frame++;
        frameTaskEnd.port2.postMessage(0);
      }
      callback(time);
    });

  function stamp(tokens, time) {
    const now = performance.timeOrigin + time;
    for (const [where, seq, emit] of tokens) {
      const key = `${where}${seq}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (seq > maxSeq) maxSeq = seq;
      // Tokens emitted before this place was being measured (a row revealed by scrolling) are not latency.
      if (emit < from[where]) continue;
      samples.push([where === 'list' ? 0 : 1, seq, emit, now]);
    }
    if (seen.size > 60000) {
      // Old tokens cannot come back into view while measuring (see `from`), so forget them.
      for (const key of seen) if (Number(key.replace(/\D+/, '')) < maxSeq - 20000) seen.delete(key);
    }
  }

  /**
   * Tokens that reached the DOM in one task are on screen when the frame that paints them is presented,
   * which is when the frame after it begins: that frame's rAF time is the stamp. A change made during a
   * frame's callbacks is painted by that frame, so the stamp is the next frame's start; a change made in
   * any other task is painted by the next frame, so the stamp is the start of the frame after that one.
   */
  const batches = new Map();
  function collect(tokens) {
    const key = `${inFrameTask ? 'f' : 't'}${frame}`;
    let batch = batches.get(key);
    if (!batch) {
      batch = [];
      batches.set(key, batch);
      const done = (time) => {
        batches.delete(key);
        stamp(batch, time);
      };
      if (inFrameTask) rafNative(done);
      else rafNative(() => rafNative(done));
    }
    batch.push(...tokens);
  }

  function whereOf(node) {
    const element = node.nodeType === 1 ? node : node.parentElement;
    if (!element || !element.closest) return null;
    if (element.closest('.conversation-list')) return 'list';
    if (element.closest('.transcript')) return 'transcript';
    return null;
  }

  function scan(text, where, into) {
    TOKEN.lastIndex = 0;
    let match;
    while ((match = TOKEN.exec(text))) into.push([where, Number(match[1]), Number(match[2])]);
  }

  const observer = new MutationObserver((records) => {
    const pending = [];
    for (const record of records) {
      if (record.type === 'characterData') {
        const where = whereOf(record.target);
        if (where) scan(record.target.data, where, pending);
        continue;
      }
      for (const node of record.addedNodes) {
        if (firstRowAt === null && node.nodeType === 1 && node.querySelector?.('[data-conversation-id]')) {
          firstRowAt = performance.now();
        }
        const where = whereOf(node);
        if (where) scan(node.textContent ?? '', where, pending);
      }
    }
    if (pending.length > 0) collect(pending);
  });
  const start = () => observer.observe(document, { subtree: true, childList: true, characterData: true });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long task API: the benchmark reports the figure as unavailable.
  }

  const nextPaint = () =>
    new Promise((resolve) => {
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(0);
      });
    });

  window.__bench = {
    hasLongTaskApi: PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false,
    /** Measure latency in `where` for tokens emitted from now on (epoch ms), or stop (Infinity). */
    measure(where, on) {
      from[where] = on ? Date.now() : Infinity;
    },
    drain() {
      const out = samples;
      samples = [];
      return out;
    },
    firstRowAt: () => firstRowAt,
    interactiveAt: async () => {
      while (firstRowAt === null) await nextPaint();
      return nextPaint();
    },
    phase(name) {
      const now = performance.now();
      const open = phases[phases.length - 1];
      if (open && open.end === null) open.end = now;
      if (name) phases.push({ name, start: now, end: null });
    },
    phases: () => phases,
    longTasks: () => longTasks,
    now: () => performance.now(),
    /** Clicks a link and resolves with the time until the list shows `title` and that frame is painted. */
    async switchView(href, title) {
      const link = document.querySelector(`a[href="${href}"]`);
      if (!link) throw new Error(`no link ${href}`);
      const begin = performance.now();
      link.click();
      for (;;) {
        const end = await nextPaint();
        if (document.querySelector('#inbox-title')?.textContent === title) return end - begin;
        if (end - begin > 10000) throw new Error(`view ${title} did not show`);
      }
    },
    /** Opens a conversation from the list; resolves when its transcript rows are painted. */
    async openConversation(id) {
      const row = document.querySelector(`[data-conversation-id="${CSS.escape(id)}"]`);
      if (!row) throw new Error(`no row for ${id}`);
      const begin = performance.now();
      row.click();
      for (;;) {
        const end = await nextPaint();
        if (document.querySelector('.transcript__row .msg')) return end - begin;
        if (end - begin > 20000) throw new Error(`transcript of ${id} did not show`);
      }
    },
    /**
     * Scrolls the list from top to bottom, `step` px per frame (a fast drag of the scrollbar), then jumps
     * back to the top; returns the frame intervals.
     */
    async scrollList(step) {
      const scroller = document.querySelector('.conversation-list__scroller');
      if (!scroller) throw new Error('no list scroller');
      const frames = [];
      let last = performance.now();
      const tick = async (position) => {
        scroller.scrollTop = position;
        const now = await nextPaint();
        frames.push(now - last);
        last = now;
      };
      await tick(0);
      const bottom = scroller.scrollHeight - scroller.clientHeight;
      for (let y = step; y < bottom + step; y += step) await tick(Math.min(y, bottom));
      await tick(0);
      return {
        frames,
        height: scroller.scrollHeight,
        rows: document.querySelectorAll('[role=listitem]').length,
      };
    },
  };
}
